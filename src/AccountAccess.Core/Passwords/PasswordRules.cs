using AccountAccess.Core.Accounts;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.Passwords;

/// <summary>The rules a new password must meet under an organization's policy.</summary>
public static class PasswordRules
{
    /// <summary>The longest password accepted, NIST SP 800-63B's "at least 64" with room to spare. Defaults to 256.</summary>
    public const int MaxLength = 256;

    public static IReadOnlyList<PasswordViolation> Check(string password, string username, OrganizationPolicy policy)
    {
        var violations = new List<PasswordViolation>();
        var length = new System.Globalization.StringInfo(password).LengthInTextElements;
        if (length < policy.MinPasswordLength)
        {
            violations.Add(PasswordViolation.TooShort);
        }

        if (length > MaxLength)
        {
            violations.Add(PasswordViolation.TooLong);
        }

        var normalizedUsername = LoginName.Normalize(username);
        if (normalizedUsername.Length >= 3 && LoginName.Normalize(password).Contains(normalizedUsername, StringComparison.Ordinal))
        {
            violations.Add(PasswordViolation.ContainsUsername);
        }

        return violations;
    }

    /// <summary>400 <c>password_policy</c> listing <paramref name="violations"/>, with the minimum length so a form can say it.</summary>
    public static Failure ToFailure(IReadOnlyList<PasswordViolation> violations, OrganizationPolicy policy) =>
        Failure.Of(ErrorCode.PasswordPolicy,
            ("violations", violations.Select(v => v.ToSnakeCase()).ToArray()),
            ("minLength", policy.MinPasswordLength));
}
