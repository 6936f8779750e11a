using AccountAccess.Core.Members;

namespace AccountAccess.Functions.Orchestrations.MemberIndexRebuilds;

/// <summary>
/// A rebuild's input and state, carried from one run to the next: the request, where the next page starts, and what the
/// pages read so far did, by organization.
/// </summary>
public sealed record MemberIndexRebuildProgress(
    MemberIndexRebuildRequest Request,
    string? ContinuationToken,
    int Pages,
    int AccountsRead,
    IReadOnlyDictionary<string, MemberIndexTally> Organizations)
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

        return new(Request, page.ContinuationToken, Pages + 1, AccountsRead + page.AccountsRead, organizations);
    }

    /// <summary>The custom status operators read (<c>GET /api/workflows/MemberIndexRebuild/{id}</c>).</summary>
    public MemberIndexRebuildStatus Status()
    {
        var total = Organizations.Values.Aggregate(MemberIndexTally.None, (sum, tally) => sum.Plus(tally));
        return new MemberIndexRebuildStatus(
            ContinuationToken is null ? MemberIndexRebuildStatus.DoneStep : MemberIndexRebuildStatus.RebuildingStep,
            Pages, AccountsRead, total.Written, total.Rekeyed, total.Unchanged);
    }
}
