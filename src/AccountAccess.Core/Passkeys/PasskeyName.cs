using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Passkeys;

/// <summary>The names people give passkeys ("Work laptop"): what is accepted, and the one given when none is.</summary>
public static class PasskeyName
{
    public const int MaxLength = 64;

    /// <summary>Why <paramref name="name"/> cannot name a passkey, or null.</summary>
    public static string? Problem(string name) =>
        name.Trim().Length == 0 ? "must not be empty"
        : name.Trim().Length > MaxLength ? $"at most {MaxLength} characters"
        : name.Any(char.IsControl) ? "must not contain control characters"
        : null;

    /// <summary>"Passkey 2" (or "Clé d'accès 2"), numbered after the account's passkeys, in its language.</summary>
    public static string Default(User user) =>
        (user.Locale == Locale.Fr ? "Clé d'accès " : "Passkey ") + (user.TwoFactor.Passkeys.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
