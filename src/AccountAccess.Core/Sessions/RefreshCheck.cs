namespace AccountAccess.Core.Sessions;

/// <summary>What a presented refresh token is, as far as its session and user tell (<see cref="SessionRules.Check"/>).</summary>
public abstract record RefreshCheck
{
    /// <summary>Not honoured, and nothing changes.</summary>
    public sealed record Refused(RefreshTokenProblem Problem) : RefreshCheck;

    /// <summary>The current token of an open session: rotate it.</summary>
    public sealed record Rotate(SessionEntry Entry) : RefreshCheck;

    /// <summary>The token the latest refresh replaced, again within the reuse interval: answer with the pair that refresh issued.</summary>
    public sealed record ReplayIssuedPair(SessionEntry Entry) : RefreshCheck;

    /// <summary>An exchanged token again after the interval, or an older one: someone else may hold it; the session ends.</summary>
    public sealed record Reused(SessionEntry Entry) : RefreshCheck;
}
