namespace AccountAccess.Core.SignIn;

/// <summary>Why sign-in asks for a new password before granting access (API.md <c>password_change_required</c>).</summary>
public enum PasswordChangeReason
{
    /// <summary>Older than the policy's <c>passwordMaxAgeDays</c> (PCI DSS 8.3.9).</summary>
    Expired,

    /// <summary>Set by an administrator, supervisor or operator, or a temporary password.</summary>
    Temporary,
}
