namespace AccountAccess.Functions.Orchestrations.MemberIndexRebuilds;

/// <summary>
/// A rebuild's custom status: its step (<c>rebuilding</c> while pages remain, <c>done</c> after the last), the pages and
/// accounts read, and the entries written from their account, given the keys they lacked, and already whole.
/// </summary>
public sealed record MemberIndexRebuildStatus(string Step, int Pages, int AccountsRead, int Written, int Rekeyed, int Unchanged)
{
    public const string RebuildingStep = "rebuilding";
    public const string DoneStep = "done";
}
