using System.Net.Mail;
using System.Text.RegularExpressions;
using AccountAccess.Core.Errors;

namespace AccountAccess.Core.Accounts;

/// <summary>What usernames, names, emails and phone numbers must look like.</summary>
public static partial class ContactRules
{
    public const int MaxUsernameLength = 128;

    public const int MaxDisplayNameLength = 200;

    public const int MaxSecondaryEmails = 10;

    public static Failure? CheckUsername(string username)
    {
        var normalized = LoginName.Normalize(username);
        if (normalized.Length == 0 || normalized.Length > MaxUsernameLength || normalized.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return Failure.InvalidField("username", $"1 to {MaxUsernameLength} characters, no spaces");
        }

        return null;
    }

    public static Failure? CheckDisplayName(string displayName) =>
        string.IsNullOrWhiteSpace(displayName) || displayName.Length > MaxDisplayNameLength || displayName.Any(char.IsControl)
            ? Failure.InvalidField("displayName", $"1 to {MaxDisplayNameLength} characters")
            : null;

    public static Failure? CheckEmail(string? email, string field = "email") =>
        email is null || IsEmail(email) ? null : Failure.InvalidField(field, "not an email address");

    public static Failure? CheckSecondaryEmails(IReadOnlyList<string> emails)
    {
        if (emails.Count > MaxSecondaryEmails)
        {
            return Failure.InvalidField("secondaryEmails", $"at most {MaxSecondaryEmails}");
        }

        return emails.All(IsEmail) ? null : Failure.InvalidField("secondaryEmails", "not an email address");
    }

    /// <summary>Phones are stored in E.164 (<c>+15145550100</c>), the form SMS and voice providers take.</summary>
    public static Failure? CheckPhone(string? phone) =>
        phone is null || E164().IsMatch(phone) ? null : Failure.InvalidField("phone", "an E.164 number such as +15145550100");

    private static bool IsEmail(string email) =>
        email.Length <= 254 && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email.Trim() && email.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();
}
