namespace AccountAccess.Core.Members;

/// <summary>
/// Counts of a member-index rebuild for one organization: entries written from their account (missing, or written before
/// member search), entries given the keys they lacked, and entries already whole.
/// </summary>
public sealed record MemberIndexTally(int Written, int Rekeyed, int Unchanged)
{
    public static MemberIndexTally None { get; } = new(0, 0, 0);

    /// <summary>Whether the rebuild changed anything in the organization's index.</summary>
    public bool Changed => Written + Rekeyed > 0;

    public MemberIndexTally Plus(MemberIndexTally other) => new(Written + other.Written, Rekeyed + other.Rekeyed, Unchanged + other.Unchanged);

    public MemberIndexTally Plus(MemberEntryRepair outcome) => outcome switch
    {
        MemberEntryRepair.Written => this with { Written = Written + 1 },
        MemberEntryRepair.Rekeyed => this with { Rekeyed = Rekeyed + 1 },
        _ => this with { Unchanged = Unchanged + 1 },
    };
}
