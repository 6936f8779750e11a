namespace AccountAccess.Core.Diagnosis;

/// <summary>
/// What the diagnosis can find. The first seven are the sign-in refusals of API.md and share their error codes
/// (<c>account_deactivated</c>…), so support reads the very code the person was shown; the others are what sign-in
/// does not say (pending activation) or what stops the person from getting back in alone (no email on file).
/// </summary>
public enum BlockerCode
{
    AccountDeactivated,
    AccountDeparted,
    AccessRevoked,
    WrongPortal,
    NoOrganizationLinked,
    OrganizationSuspended,
    AppUpdateRequired,

    /// <summary>Created without a password: the person needs a welcome kit (activation link).</summary>
    PendingActivation,

    /// <summary>Sign-in will ask for a new password first (expired or temporary).</summary>
    PasswordChangeRequired,

    /// <summary>The organization requires a second factor the person has not set up: sign-in will ask them to.</summary>
    TwoFactorEnrollmentRequired,

    /// <summary>Hidden from the organization's lists: forgot-password sends nothing.</summary>
    InvisibleAccount,

    /// <summary>No email on file: forgot-password and welcome kits cannot reach the person.</summary>
    NoEmail,

    /// <summary>A departure date is set (not yet reached): forgot-password sends nothing.</summary>
    DepartureDateSet,

    /// <summary>The last forgot-password request sent nothing, and why.</summary>
    ForgotPasswordRefused,

    /// <summary>Forgot-password sends nothing until <c>until</c>: the account got its hourly share of reset emails.</summary>
    ForgotPasswordThrottled,

    /// <summary>Wrong passwords since the last correct one: a few more lock the account.</summary>
    RecentFailedAttempts,
}
