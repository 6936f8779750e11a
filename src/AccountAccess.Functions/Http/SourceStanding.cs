namespace AccountAccess.Functions.Http;

/// <summary>How a source IP has fared at sign-in in the last ten minutes (<see cref="SourceHistory"/>).</summary>
public enum SourceStanding
{
    /// <summary>It signed someone in, and failed less often than it succeeded (an office, a home).</summary>
    Good,

    /// <summary>
    /// No untrusted sign-in from it in the window but the one asking: a person on a network never seen before. An address
    /// is unseen once per window, so an attack's share of this standing is bounded by how many addresses it has, not by
    /// how fast it sends. When <see cref="SourceHistory.MaxSources"/> are remembered, an address not among them is
    /// <see cref="New"/>, never unseen.
    /// </summary>
    Unseen,

    /// <summary>Seen, and not judged: about as many failures as successes (one typo is not suspicious), or sign-ins still unanswered or refused.</summary>
    New,

    /// <summary>It failed at least twice more often than it succeeded (a sprayer, or someone who forgot a password).</summary>
    Suspect,
}
