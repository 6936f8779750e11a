using AccountAccess.Core.Passwords;

namespace AccountAccess.Functions.Contracts;

/// <summary>A link that still works, as its page shows it before anything is typed (POST /api/password/reset/check).</summary>
public sealed record ResetLinkCheckResponse(ResetLinkPurpose Purpose, DateTimeOffset ExpiresAt, PasswordRulesResponse PasswordRules)
{
    public static ResetLinkCheckResponse From(ResetLinkCheck check) => new(check.Purpose, check.ExpiresAt,
        new PasswordRulesResponse(check.MinPasswordLength, Core.Passwords.PasswordRules.MaxLength, check.PasswordHistory));
}

/// <summary>
/// The rules a new password must meet: <c>minLength</c> to <c>maxLength</c> characters, none of the last <c>history</c>
/// passwords, not the username, not a common password (the <c>password_policy</c> violations).
/// </summary>
public sealed record PasswordRulesResponse(int MinLength, int MaxLength, int History);
