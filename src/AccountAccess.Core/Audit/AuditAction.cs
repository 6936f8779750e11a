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

    /// <summary>A <c>status: "ok"</c> answer opened a session (details: <c>sessionId</c>, <c>portal</c>).</summary>
    SessionStarted,

    /// <summary>A session was ended before its time (reason: <c>signed_out</c>, <c>ended_by_holder</c>, <c>refresh_token_reused</c>, <c>replaced</c>).</summary>
    SessionEnded,

    /// <summary>Every open session was ended by an administrator or operator (details: <c>count</c>).</summary>
    SessionsEnded,

    /// <summary>A refresh token already exchanged was presented again after the reuse interval: its session is ended and the holder told.</summary>
    RefreshTokenReused,

    /// <summary>A sign-in trusted its client (OWASP device cookies): that device's requests are judged on their own failures.</summary>
    TrustedDeviceAdded,

    /// <summary>A sign-in from a trusted device renewed its 90 days (at most once a day), or gave it a new token (<c>new_token</c>).</summary>
    TrustedDeviceRenewed,

    /// <summary>A device is no longer trusted (<c>too_many_attempts</c> of its own, <c>replaced</c> by newer ones, a new password…).</summary>
    TrustedDeviceRevoked,
    FailedAttemptsReset,
    PasswordRehashed,
    Deactivated,
    Reactivated,

    /// <summary>A security lock lifted by a new password through an emailed link or a change token (<c>unlockByPasswordReset</c>).</summary>
    ReactivatedByPasswordReset,

    /// <summary>A user was erased (on each of its organizations' trails: who, when, the id; no personal data).</summary>
    UserDeleted,
    LockExpired,
    AccessRevoked,
    AccessRestored,
    ResetLinkIssued,

    /// <summary>A reset link's email went out (<c>reset_link_not_sent</c> when it could not).</summary>
    ResetLinkSent,
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
    TotpEnrollmentStarted,
    TotpEnrolled,

    /// <summary>A code went to a phone being enrolled; it becomes a factor when the code comes back (<c>phone_enrolled</c>).</summary>
    PhoneEnrollmentStarted,
    PhoneEnrolled,
    TwoFactorDisabled,
    TwoFactorReset,
    SecondFactorFailed,
    SecondFactorVerified,
    RecoveryCodeUsed,

    /// <summary>A passkey was registered (details: <c>passkeyId</c>).</summary>
    PasskeyAdded,
    PasskeyRenamed,
    PasskeyRemoved,

    /// <summary>A passkey signed a sign-in (reason <c>sign_in</c>) or answered a second-factor challenge (<c>second_factor</c>).</summary>
    PasskeyUsed,

    /// <summary>A passkey ceremony was refused (reason: <c>passkey_invalid</c>'s; details: <c>ceremony</c>, <c>counted</c>).</summary>
    PasskeyFailed,
    InvoiceOverdue,
    InvoicePaid,
    BillingEventIgnored,
    OrganizationSuspended,
    BillingReactivationScheduled,
    BillingReactivationCancelled,
    OrganizationRestored,
    BillingNoticeSent,
    MergedInto,
    MergedFrom,
    EmailReleased,
    WelcomeKitSent,
    WelcomeKitSkipped,
    WelcomeKitsRequested,

    /// <summary>The holder was emailed about a change or a lock; the reason is the notice's kind (<c>password_changed</c>).</summary>
    NotificationSent,

    /// <summary>A notice to the holder could not go out (no email on file, the mail server refused): the change stands.</summary>
    NotificationNotSent,

    /// <summary>An operator asked for the organization's member index to be rebuilt from its accounts (details: <c>rebuildId</c>).</summary>
    MemberIndexRebuildRequested,

    /// <summary>A rebuild of the member index ended (details: <c>rebuildId</c>, and the entries <c>written</c>, <c>rekeyed</c>, <c>unchanged</c>).</summary>
    MemberIndexRebuilt,
}
