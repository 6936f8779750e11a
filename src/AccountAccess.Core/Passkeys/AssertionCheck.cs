namespace AccountAccess.Core.Passkeys;

/// <summary>
/// What checking a passkey's assertion found: the problem, if any, and whether the passkey's own private key signed it
/// anyway — then the failure is no stranger's guess but a real authenticator on a phishing page, a replay or a clone, and it
/// counts toward suspicious activity. <see cref="SignCount"/> and <see cref="BackedUp"/> are the authenticator's, as signed.
/// </summary>
public sealed record AssertionCheck(PasskeyProblem? Problem, bool SignedByThePasskey, uint SignCount, bool BackedUp)
{
    public bool Succeeded => Problem is null;
}
