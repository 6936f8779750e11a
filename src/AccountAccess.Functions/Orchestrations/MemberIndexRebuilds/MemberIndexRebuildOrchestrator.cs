using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AccountAccess.Functions.Orchestrations.MemberIndexRebuilds;

/// <summary>
/// Rebuilds the member index from the accounts on record (one instance per scope, <c>member-index-rebuild:{organizationId}</c>
/// or <c>member-index-rebuild:all</c>): pages through the accounts with the table's continuation token, each page one
/// activity (<c>RebuildMemberIndexPage</c>), idempotent and retried; then pages the same way through the index's own rows
/// (<c>SweepMemberIndexPage</c>), removing orphans; every <see cref="PagesPerRun"/> pages it continues as
/// new with its progress, so its history stays short however many accounts there are; at the end it records what it did
/// on the organizations' trails (<c>RecordMemberIndexRebuilt</c>). Its custom status is its progress.
/// </summary>
public static class MemberIndexRebuildOrchestrator
{
    /// <summary>The orchestration's name, as operators see it (<c>GET /api/workflows/MemberIndexRebuild/{organizationId or all}</c>).</summary>
    public const string Name = "MemberIndexRebuild";

    /// <summary>What a finished rebuild answers as its outcome.</summary>
    public const string Rebuilt = "rebuilt";

    /// <summary>Pages one run reads before it continues as new.</summary>
    public const int PagesPerRun = 20;

    /// <summary>Five attempts per page, 5 s after the first failure then twice as long each time (a storage outage, a process dying).</summary>
    public static TaskOptions Retry { get; } = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(2)));

    [Function(Name)]
    public static async Task<string> MemberIndexRebuild([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var progress = context.GetInput<MemberIndexRebuildProgress>()
            ?? throw new InvalidOperationException($"{context.InstanceId} was started without its request.");
        for (var page = 0; page < PagesPerRun; page++)
        {
            var activity = progress.Sweeping ? nameof(MemberIndexRebuildActivities.SweepMemberIndexPage) : nameof(MemberIndexRebuildActivities.RebuildMemberIndexPage);
            var done = await context.CallActivityAsync<Core.Members.MemberIndexRepairPage>(
                activity, new MemberIndexPageAsked(progress.Request, progress.ContinuationToken), Retry);
            progress = progress.After(done);
            if (done.ContinuationToken is null && !progress.Sweeping)
            {
                progress = progress.ToSweep();
            }
            else if (done.ContinuationToken is null)
            {
                context.SetCustomStatus(progress.Status());
                await context.CallActivityAsync(nameof(MemberIndexRebuildActivities.RecordMemberIndexRebuilt), progress, Retry);
                return Rebuilt;
            }

            context.SetCustomStatus(progress.Status());
        }

        context.ContinueAsNew(progress);
        return MemberIndexRebuildStatus.RebuildingStep;
    }
}
