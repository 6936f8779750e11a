namespace AccountAccess.Core.SignIn;

/// <summary>
/// The verdict on a person who proved their password: every blocker in the order API.md checks them, and the grant
/// when there is none. Sign-in answers with the first blocker; the diagnosis shows them all.
/// </summary>
public sealed record SignInDecision(IReadOnlyList<SignInBlocker> Blockers, SignInGrant? Grant)
{
    public bool Allowed => Blockers.Count == 0;

    public SignInBlocker? FirstBlocker => Blockers.Count == 0 ? null : Blockers[0];
}
