namespace AccountAccess.Core.Members;

/// <summary>
/// Counts of a member-index rebuild for one organization: entries written from their account (missing, or written before
/// member search), entries given the keys they lacked, entries already whole, and orphans removed (entries of an account
/// erased, or no longer a member of the organization).
/// </summary>
public sealed record MemberIndexTally(int Written, int Rekeyed, int Unchanged, int Removed = 0)
{
    public static MemberIndexTally None { get; } = new(0, 0, 0);

    /// <summary>Whether the rebuild changed anything in the organization's index.</summary>
    public bool Changed => Written + Rekeyed + Removed > 0;

    public MemberIndexTally Plus(MemberIndexTally other) =>
        new(Written + other.Written, Rekeyed + other.Rekeyed, Unchanged + other.Unchanged, Removed + other.Removed);

    public MemberIndexTally Plus(MemberEntryRepair outcome) => outcome switch
    {
        MemberEntryRepair.Written => this with { Written = Written + 1 },
        MemberEntryRepair.Rekeyed => this with { Rekeyed = Rekeyed + 1 },
        MemberEntryRepair.Removed => this with { Removed = Removed + 1 },
        _ => this with { Unchanged = Unchanged + 1 },
    };
}
