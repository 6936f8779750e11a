using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.SignIn;

namespace AccountAccess.Core.Diagnosis;

/// <summary>
/// Why a person can or cannot get in, for support: every blocker (not only the first sign-in would show), the state of
/// their second factor, password and last forgot-password request, and their recent audit trail.
/// </summary>
public sealed record AccountDiagnosis(
    User User,
    Portal Portal,
    IReadOnlyList<Blocker> Blockers,
    SignInDecision Decision,
    IReadOnlyList<AuditEvent> Events,
    IReadOnlyList<TwoFactor.TwoFactorMethod> SecondFactorMethods)
{
    /// <summary>True only when nothing blocks sign-in (a step such as a new password may still be asked).</summary>
    public bool CanSignIn => Blockers.All(b => b.Blocks != Blocks.SignIn);

    /// <summary>Whether forgot-password would send a link.</summary>
    public bool CanResetPassword => PasswordReset.RefusalFor(User) is null;
}
