using AccountAccess.Core.Members;

namespace AccountAccess.Functions.Orchestrations.MemberIndexRebuilds;

/// <summary>
/// A rebuild's input and state, carried from one run to the next: the request, whether it has gone from the accounts to
/// the sweep of the index for orphans, where the next page of that phase starts, and what the pages read so far did, by
/// organization.
/// </summary>
public sealed record MemberIndexRebuildProgress(
    MemberIndexRebuildRequest Request,
    string? ContinuationToken,
    int Pages,
    int AccountsRead,
    IReadOnlyDictionary<string, MemberIndexTally> Organizations,
    bool Sweeping = false,
    int EntriesSwept = 0)
{
    public static MemberIndexRebuildProgress Start(MemberIndexRebuildRequest request) =>
        new(request, null, 0, 0, new Dictionary<string, MemberIndexTally>(StringComparer.Ordinal));

    /// <summary>This progress with <paramref name="page"/> read.</summary>
    public MemberIndexRebuildProgress After(MemberIndexRepairPage page)
    {
        var organizations = new Dictionary<string, MemberIndexTally>(Organizations, StringComparer.Ordinal);
        foreach (var (organizationId, tally) in page.Organizations)
        {
            organizations[organizationId] = organizations.GetValueOrDefault(organizationId, MemberIndexTally.None).Plus(tally);
        }

        return Sweeping
            ? this with { ContinuationToken = page.ContinuationToken, Pages = Pages + 1, EntriesSwept = EntriesSwept + page.AccountsRead, Organizations = organizations }
            : this with { ContinuationToken = page.ContinuationToken, Pages = Pages + 1, AccountsRead = AccountsRead + page.AccountsRead, Organizations = organizations };
    }

    /// <summary>This progress at the start of the sweep, once the accounts are all read.</summary>
    public MemberIndexRebuildProgress ToSweep() => this with { Sweeping = true, ContinuationToken = null };

    /// <summary>The custom status operators read (<c>GET /api/workflows/MemberIndexRebuild/{id}</c>).</summary>
    public MemberIndexRebuildStatus Status()
    {
        var total = Organizations.Values.Aggregate(MemberIndexTally.None, (sum, tally) => sum.Plus(tally));
        return new MemberIndexRebuildStatus(
            !Sweeping ? MemberIndexRebuildStatus.RebuildingStep
            : ContinuationToken is null ? MemberIndexRebuildStatus.DoneStep : MemberIndexRebuildStatus.SweepingStep,
            Pages, AccountsRead, total.Written, total.Rekeyed, total.Unchanged)
        {
            EntriesSwept = EntriesSwept,
            Removed = total.Removed,
        };
    }
}
