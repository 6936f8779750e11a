namespace AccountAccess.Core.Accounts;

/// <summary>Why an account is deactivated (API.md <c>account_deactivated</c> <c>details.reason</c>).</summary>
public enum DeactivationReason
{
    /// <summary>The organization's <c>maxFailedAttempts</c> consecutive wrong passwords.</summary>
    TooManyAttempts,

    /// <summary>An administrator, supervisor or operator deactivated it.</summary>
    Manual,

    /// <summary>Many wrong second-factor codes after a correct password; only an administrator or operator reactivates it.</summary>
    SuspiciousActivity,

    /// <summary>Merged into another account; it cannot be reactivated.</summary>
    Merged,
}
