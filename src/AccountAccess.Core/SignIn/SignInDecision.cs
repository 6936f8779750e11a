namespace AccountAccess.Core.SignIn;

/// <summary>
/// The verdict on a person who proved their password: every blocker in the order API.md checks them, and the grant
/// when there is none. Sign-in answers with the first blocker; the diagnosis shows them all. A grant may still require
/// a new password first (<see cref="PasswordChange"/>), before any second factor, and a passkey
/// (<see cref="PasskeyRequiredByPolicy"/>: an organization requires phishing-resistant sign-in).
/// </summary>
public sealed record SignInDecision(
    IReadOnlyList<SignInBlocker> Blockers,
    SignInGrant? Grant,
    PasswordChangeReason? PasswordChange = null,
    bool SecondFactorRequiredByPolicy = false,
    bool PasskeyRequiredByPolicy = false)
{
    public bool Allowed => Blockers.Count == 0;

    public SignInBlocker? FirstBlocker => Blockers.Count == 0 ? null : Blockers[0];
}
