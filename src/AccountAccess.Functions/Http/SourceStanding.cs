namespace AccountAccess.Functions.Http;

/// <summary>How a source IP has fared at sign-in in the last ten minutes (<see cref="SourceHistory"/>).</summary>
public enum SourceStanding
{
    /// <summary>It signed someone in, and failed less often than it succeeded (an office, a home).</summary>
    Good,

    /// <summary>Nothing seen (or not remembered), or about as many failures as successes (one typo is not suspicious).</summary>
    New,

    /// <summary>It failed at least twice more often than it succeeded (a sprayer, or someone who forgot a password).</summary>
    Suspect,
}
