namespace AccountAccess.Core.Audit;

/// <summary>What changed. The wire form is snake_case (<c>SignInFailed</c> → <c>sign_in_failed</c>).</summary>
public enum AuditAction
{
    OrganizationCreated,
    PolicyChanged,
    UnitCreated,
    OrganizationLeftService,
    UserCreated,
    UserUpdated,
    MembershipAdded,
    SignInFailed,
    FailedAttemptsReset,
    PasswordRehashed,
    Deactivated,
    Reactivated,
    LockExpired,
    AccessRevoked,
    AccessRestored,
    ResetLinkIssued,
    ResetLinkSuperseded,
    ResetLinkExpired,
    ResetLinkNotSent,
    ForgotPasswordRefused,
    PasswordReset,
    AccountActivated,
    PasswordChanged,
    PasswordSetByAdministrator,
    TemporaryPasswordIssued,
    PasswordExpiryReminderSent,
    PasswordExpired,
}
