namespace AccountAccess.Core.Diagnosis;

/// <summary>
/// Who can fix a blocker, and how: the help centre's answers. The host words each one in French and English, filling
/// in the blocker's details (<c>{until}</c>, <c>{expectedPortal}</c>…).
/// </summary>
public enum Remedy
{
    /// <summary>A timed lock: wait until it ends, or ask a supervisor or administrator to reactivate now.</summary>
    WaitForLockToEnd,

    /// <summary>Too many attempts or a manual deactivation: a supervisor or administrator reactivates.</summary>
    AskSupervisorToReactivate,

    /// <summary>Suspicious activity: only an administrator (or support) reactivates, after checking with the person.</summary>
    AskAdministratorToReactivate,

    /// <summary>Forgot-password is throttled for the account: use the latest reset email's link, or ask again after <c>{until}</c>.</summary>
    UseLatestResetEmail,

    /// <summary>A security lock the policy lets a new password lift: reset the password ("Forgot your password?").</summary>
    ResetPasswordToReactivate,

    /// <summary>Merged: sign in with the account it was merged into.</summary>
    SignInWithMergedAccount,

    /// <summary>Departed: an administrator removes or moves the departure date if the person is still there.</summary>
    AskAdministratorAboutDepartureDate,

    /// <summary>The organization revoked the client's access: only it can restore it.</summary>
    AskOrganizationToRestoreAccess,

    /// <summary>Wrong portal for the role: use the expected one.</summary>
    UseExpectedPortal,

    /// <summary>No unit rights: an administrator gives the person a unit.</summary>
    AskAdministratorForUnitRights,

    /// <summary>Suspended for billing: pay the overdue invoices; access returns within the reactivation delay.</summary>
    PayOverdueInvoices,

    /// <summary>Paid: access returns by itself at the given time.</summary>
    WaitForBillingReactivation,

    /// <summary>The organization left the service: nothing the person can do; the organization's contact talks to sales.</summary>
    OrganizationLeftService,

    /// <summary>The app is older than the organization's minimum version: update it.</summary>
    UpdateApp,

    /// <summary>Pending activation: an administrator sends a (new) welcome kit.</summary>
    SendWelcomeKit,

    /// <summary>Pending activation with a kit sent whose link still works: the person opens it (or asks for a new kit if it was lost).</summary>
    OpenWelcomeKitLink,

    /// <summary>Sign in and choose a new password when asked.</summary>
    ChooseNewPasswordAtSignIn,

    /// <summary>Sign in and set up a second factor when asked.</summary>
    EnrollSecondFactorAtSignIn,

    /// <summary>An administrator makes the account visible in the employee file.</summary>
    MakeAccountVisible,

    /// <summary>An administrator adds an email in the employee file.</summary>
    AddEmailInEmployeeFile,

    /// <summary>A departure date blocks forgot-password: an administrator sets a password for the person instead.</summary>
    AdministratorSetsPassword,

    /// <summary>A few more wrong passwords lock the account: use forgot-password now.</summary>
    UseForgotPassword,
}
