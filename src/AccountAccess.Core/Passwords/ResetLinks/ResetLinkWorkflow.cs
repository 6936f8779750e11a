using System.Text.Json;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Workflows;

namespace AccountAccess.Core.Passwords.ResetLinks;

/// <summary>
/// Follows the latest reset or activation link of a user (one instance per user) until it is used or expires, and
/// records the outcome in the audit trail. Issuing a new link restarts the instance, which drops the old link's expiry
/// timer: the old link's end is recorded as <c>superseded</c> when the new one is issued.
/// </summary>
public sealed class ResetLinkWorkflow(UserUpdater updater) : IWorkflow
{
    public const string WorkflowName = "ResetLink";
    public const string UsedEvent = "used";

    private const string ExpireStep = "expire";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => WorkflowName;

    public static string Input(ResetLink link) => JsonSerializer.Serialize(new ResetLinkState(link.LinkId, link.ExpiresAt), Json);

    public Task<WorkflowNext> StartAsync(string instanceId, string input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = JsonSerializer.Deserialize<ResetLinkState>(input, Json)!;
        return Task.FromResult<WorkflowNext>(new WorkflowNext.Wait(ExpireStep, state.ExpiresAt, input));
    }

    public async Task<WorkflowNext> OnDueAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var state = JsonSerializer.Deserialize<ResetLinkState>(context.State, Json)!;
        var outcome = "expired_unused";
        await updater.UpdateAsync(context.InstanceId, user =>
        {
            var link = user.ResetLinks.FirstOrDefault(l => l.LinkId == state.LinkId);
            if (link is null || link.UsedAt is not null || link.SupersededAt is not null)
            {
                outcome = link?.UsedAt is not null ? "used" : "superseded";
                return UserChange.None(user);
            }

            var details = new Dictionary<string, string> { ["linkId"] = link.LinkId, ["purpose"] = link.Purpose.ToSnakeCase() };
            return new UserChange(user, [AuditEvent.Create(AuditAction.ResetLinkExpired, RequestContext.System, context.Now, "expired_unused", details)]);
        }, cancellationToken);
        return new WorkflowNext.Complete(outcome, context.State);
    }

    public Task<WorkflowNext> OnEventAsync(WorkflowContext context, string eventName, CancellationToken cancellationToken) =>
        Task.FromResult<WorkflowNext>(eventName == UsedEvent
            ? new WorkflowNext.Complete("used", context.State)
            : new WorkflowNext.Wait(context.Step, JsonSerializer.Deserialize<ResetLinkState>(context.State, Json)!.ExpiresAt, context.State));

    private sealed record ResetLinkState(string LinkId, DateTimeOffset ExpiresAt);
}
