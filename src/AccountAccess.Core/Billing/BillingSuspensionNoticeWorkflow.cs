using System.Globalization;
using System.Text.Json;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Workflows;

namespace AccountAccess.Core.Billing;

/// <summary>
/// Emails a billing suspension, one instance per suspension (<c>{organizationId}_{ticks of SuspendedSince}</c>), run by
/// the workflow runtime right away so the email survives a process dying after the suspension was saved. It sends only
/// if that suspension still stands.
/// </summary>
public sealed class BillingSuspensionNoticeWorkflow(IOrganizationStore organizations, BillingNotices notices) : IWorkflow
{
    public const string WorkflowName = "BillingSuspensionNotice";

    private const string NotifyStep = "notify";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => WorkflowName;

    public static string InstanceFor(string organizationId, DateTimeOffset suspendedSince) =>
        organizationId + "_" + suspendedSince.UtcTicks.ToString(CultureInfo.InvariantCulture);

    public static string Input(string organizationId, DateTimeOffset suspendedSince) =>
        JsonSerializer.Serialize(new NoticeState(organizationId, suspendedSince), Json);

    public Task<WorkflowNext> StartAsync(string instanceId, string input, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult<WorkflowNext>(new WorkflowNext.Wait(NotifyStep, now, input));

    public async Task<WorkflowNext> OnDueAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var state = JsonSerializer.Deserialize<NoticeState>(context.State, Json)!;
        var organization = (await organizations.GetAsync(state.OrganizationId, cancellationToken))?.Value;
        if (organization?.Billing.SuspendedSince != state.SuspendedSince)
        {
            return new WorkflowNext.Complete("no_longer_suspended", context.State);
        }

        var sent = await notices.SendAsync(organization, BillingNoticeKind.Suspended, cancellationToken);
        return new WorkflowNext.Complete(sent > 0 ? "sent" : "no_recipient", context.State);
    }

    public Task<WorkflowNext> OnEventAsync(WorkflowContext context, string eventName, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"{WorkflowName} takes no events.");

    private sealed record NoticeState(string OrganizationId, DateTimeOffset SuspendedSince);
}
