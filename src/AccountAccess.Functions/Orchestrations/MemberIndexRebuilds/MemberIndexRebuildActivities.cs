using AccountAccess.Core.Members;
using Microsoft.Azure.Functions.Worker;

namespace AccountAccess.Functions.Orchestrations.MemberIndexRebuilds;

/// <summary>The rebuild orchestration's activities: Core's <see cref="MemberIndexRebuild"/>, each safe to run again.</summary>
public sealed class MemberIndexRebuildActivities(MemberIndexRebuild rebuild)
{
    /// <summary>Rebuilds the entries of one page of accounts; the page's counts and where the next starts.</summary>
    [Function(nameof(RebuildMemberIndexPage))]
    public Task<MemberIndexRepairPage> RebuildMemberIndexPage([ActivityTrigger] MemberIndexPageAsked page, CancellationToken cancellationToken) =>
        rebuild.RebuildPageAsync(page.Request, page.ContinuationToken, cancellationToken);

    /// <summary>Sweeps one page of the index for orphans; the entries removed and where the next page starts.</summary>
    [Function(nameof(SweepMemberIndexPage))]
    public Task<MemberIndexRepairPage> SweepMemberIndexPage([ActivityTrigger] MemberIndexPageAsked page, CancellationToken cancellationToken) =>
        rebuild.SweepPageAsync(page.Request, page.ContinuationToken, cancellationToken);

    /// <summary>Records the rebuild's counts on the trail of each organization it concerned.</summary>
    [Function(nameof(RecordMemberIndexRebuilt))]
    public Task RecordMemberIndexRebuilt([ActivityTrigger] MemberIndexRebuildProgress progress, CancellationToken cancellationToken) =>
        rebuild.CompleteAsync(progress.Request, progress.Organizations, cancellationToken);
}
