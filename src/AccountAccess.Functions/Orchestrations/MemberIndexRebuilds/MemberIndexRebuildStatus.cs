namespace AccountAccess.Functions.Orchestrations.MemberIndexRebuilds;

/// <summary>
/// A rebuild's custom status: its step (<c>rebuilding</c> while accounts remain, <c>sweeping</c> while the index is swept
/// for orphans, <c>done</c> after the last page), the pages and accounts read, the entries written from their account,
/// given the keys they lacked, and already whole, then the entries swept and the orphans removed.
/// </summary>
public sealed record MemberIndexRebuildStatus(string Step, int Pages, int AccountsRead, int Written, int Rekeyed, int Unchanged)
{
    public const string RebuildingStep = "rebuilding";
    public const string SweepingStep = "sweeping";

    public int EntriesSwept { get; init; }

    public int Removed { get; init; }

    public const string DoneStep = "done";
}
