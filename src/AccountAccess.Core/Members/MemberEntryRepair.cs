namespace AccountAccess.Core.Members;

/// <summary>What a member-index rebuild did to one member's entry in one organization.</summary>
public enum MemberEntryRepair
{
    /// <summary>The entry was whole: nothing written.</summary>
    Unchanged,

    /// <summary>The live path's entry, kept as it was, given the index rows it lacked (keys added since it was written).</summary>
    Rekeyed,

    /// <summary>No entry, or one written before member search: written from the account.</summary>
    Written,

    /// <summary>An orphan: the entry of an account erased, or no longer a member of the organization, removed.</summary>
    Removed,
}
