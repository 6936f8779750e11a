using AccountAccess.Core.Accounts;
using AccountAccess.Core.Errors;

namespace AccountAccess.Core.Passwords;

/// <summary>The rules a new password must meet: length, not the username, not a common password, not a recent one.</summary>
public static class PasswordRules
{
    /// <summary>The longest password accepted, NIST SP 800-63B's "at least 64" with room to spare. Defaults to 256.</summary>
    public const int MaxLength = 256;

    /// <summary>The rules that need no hashing: length, username, common list, all on the password's NFKC form.</summary>
    public static IReadOnlyList<PasswordViolation> Check(string password, string username, int minLength)
    {
        password = PasswordNormalization.Normalize(password);
        var violations = new List<PasswordViolation>();
        var length = new System.Globalization.StringInfo(password).LengthInTextElements;
        if (length < minLength)
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

        if (CommonPasswords.Contains(password))
        {
            violations.Add(PasswordViolation.Common);
        }

        return violations;
    }

    /// <summary>
    /// All the rules for <paramref name="user"/>, including reuse of the current password or one of the last
    /// <see cref="PasswordPolicy.History"/> (each checked against its hash: this costs one hash per remembered password).
    /// </summary>
    public static IReadOnlyList<PasswordViolation> Check(string password, User user, PasswordPolicy policy, PasswordHashing hashing)
    {
        var violations = Check(password, user.Username, policy.MinLength).ToList();
        if (violations.Count == 0 && policy.History > 0)
        {
            var recent = (user.Password is { } current ? [current.Hash] : Array.Empty<string>()).Concat(user.PasswordHistory).Take(policy.History);
            if (recent.Any(hash => hashing.Verify(hash, password) != PasswordCheck.Wrong))
            {
                violations.Add(PasswordViolation.Reused);
            }
        }

        return violations;
    }

    /// <summary>400 <c>password_policy</c> listing <paramref name="violations"/>, with the minimum length so a form can say it.</summary>
    public static Failure ToFailure(IReadOnlyList<PasswordViolation> violations, int minLength) =>
        Failure.Of(ErrorCode.PasswordPolicy,
            ("violations", violations.Select(v => v.ToSnakeCase()).ToArray()),
            ("minLength", minLength));

    /// <summary>The password history to keep after replacing the current password: the old one first, at most 24.</summary>
    public static IReadOnlyList<string> HistoryAfterChange(User user) =>
        user.Password is { } old ? [old.Hash, .. user.PasswordHistory.Take(23)] : user.PasswordHistory;
}
