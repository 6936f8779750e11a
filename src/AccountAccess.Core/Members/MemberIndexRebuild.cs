using System.Globalization;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.Members;

/// <summary>
/// Rebuilds the member index from the accounts on record (docs/operator.md, "Rebuilding the member index"): members saved
/// before the index existed, or before a key it now has, are found again. An operator asks for one organization or all of
/// them; the rebuild runs in the background a page of accounts at a time (<see cref="IMemberIndexRepair"/>), and records on
/// each organization's trail that it was asked for (<c>member_index_rebuild_requested</c>) and what it changed
/// (<c>member_index_rebuilt</c>, with its counts).
/// </summary>
public sealed class MemberIndexRebuild(IMemberIndexRepair repair, IMemberIndexWorkflows workflows, IOrganizationStore organizations, TimeProvider time)
{
    /// <summary>Accounts one page reads: each may write one transaction per organization it belongs to.</summary>
    public const int PageSize = 100;

    /// <summary>
    /// Starts a rebuild of <paramref name="organizationId"/>'s entries (null: every organization's), or answers the one of
    /// the same scope already running. Operators only; an unknown organization is not found.
    /// </summary>
    public async Task<Result<MemberIndexRebuildStart>> RequestAsync(Caller caller, string? organizationId, RequestContext context, CancellationToken cancellationToken)
    {
        if (caller is not Caller.Operator)
        {
            return Failure.Of(ErrorCode.Forbidden);
        }

        var now = time.GetUtcNow();
        if (organizationId is not null && await organizations.GetAsync(organizationId, cancellationToken) is null)
        {
            return Failure.Of(ErrorCode.NotFound);
        }

        var (id, started) = await workflows.StartRebuildAsync(new MemberIndexRebuildRequest(organizationId, context, now), cancellationToken);
        if (started && organizationId is not null)
        {
            await RecordAsync(organizationId, AuditEvent.Create(AuditAction.MemberIndexRebuildRequested, context, now, details: new Dictionary<string, string> { ["rebuildId"] = id }), cancellationToken);
        }

        return new MemberIndexRebuildStart(id, started);
    }

    /// <summary>One page of the rebuild <paramref name="request"/> asked for.</summary>
    public Task<MemberIndexRepairPage> RebuildPageAsync(MemberIndexRebuildRequest request, string? continuationToken, CancellationToken cancellationToken) =>
        repair.RepairPageAsync(request.OrganizationId, continuationToken, PageSize, cancellationToken);

    /// <summary>One page of the orphan sweep that follows the accounts' pages (<see cref="IMemberIndexRepair.SweepPageAsync"/>).</summary>
    public Task<MemberIndexRepairPage> SweepPageAsync(MemberIndexRebuildRequest request, string? continuationToken, CancellationToken cancellationToken) =>
        repair.SweepPageAsync(request.OrganizationId, continuationToken, PageSize, cancellationToken);

    /// <summary>
    /// Records the end of a rebuild on the trail of each organization it concerned: the one asked for whatever it changed,
    /// and — for a rebuild of all — each organization whose index it changed.
    /// </summary>
    public async Task CompleteAsync(MemberIndexRebuildRequest request, IReadOnlyDictionary<string, MemberIndexTally> totals, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var concerned = request.OrganizationId is { } one
            ? [(one, totals.GetValueOrDefault(one, MemberIndexTally.None))]
            : totals.Where(t => t.Value.Changed).Select(t => (t.Key, t.Value)).ToList();
        foreach (var (organizationId, tally) in concerned)
        {
            var details = new Dictionary<string, string>
            {
                ["rebuildId"] = request.ScopeId,
                ["written"] = tally.Written.ToString(CultureInfo.InvariantCulture),
                ["rekeyed"] = tally.Rekeyed.ToString(CultureInfo.InvariantCulture),
                ["unchanged"] = tally.Unchanged.ToString(CultureInfo.InvariantCulture),
                ["removed"] = tally.Removed.ToString(CultureInfo.InvariantCulture),
            };
            await RecordAsync(organizationId, AuditEvent.Create(AuditAction.MemberIndexRebuilt, request.RequestedBy, now, details: details), cancellationToken);
        }
    }

    private Task RecordAsync(string organizationId, AuditEvent recorded, CancellationToken cancellationToken) =>
        OptimisticRetry.RunAsync(async ct =>
        {
            // An organization that went away meanwhile has no trail to write on.
            if (await organizations.GetAsync(organizationId, ct) is { } current)
            {
                await organizations.SaveAsync(current, current.Value, [recorded], ct);
            }

            return true;
        }, time, cancellationToken);
}
