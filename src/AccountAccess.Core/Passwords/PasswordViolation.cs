namespace AccountAccess.Core.Passwords;

/// <summary>Why a new password is refused (API.md <c>password_policy</c> <c>details.violations</c>).</summary>
public enum PasswordViolation
{
    TooShort,
    TooLong,
    ContainsUsername,
    Reused,
    Common,
}
