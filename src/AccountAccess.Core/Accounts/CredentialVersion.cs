using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AccountAccess.Core.Accounts;

/// <summary>
/// A fingerprint of what a sign-in in progress relies on: the password, the second factors and the account's state. A
/// second-factor challenge, a change token and an enrolment token carry the one of when they were issued and die as soon as
/// it differs (API.md: "a challenge dies when the password, the second factors or the account's state change after it was
/// opened"): a challenge opened with a password reset since, or a factor removed since, must not complete a sign-in.
/// Unlike <see cref="User.SecurityStamp"/>, which ends every session, it also moves when a factor is added or replaced and
/// when a lock is lifted, which sessions survive. Derived, not stored: accounts saved before it existed need nothing.
/// </summary>
public static class CredentialVersion
{
    public static string Of(User user)
    {
        var factors = user.TwoFactor;
        string[] parts =
        [
            user.SecurityStamp,
            user.Password is { } password ? password.ChangedAt.UtcTicks.ToString(CultureInfo.InvariantCulture) + (password.Temporary ? "t" : "p") : "none",
            factors.EncryptedTotpSecret ?? "-",
            factors.Phone ?? "-",
            user.Deactivation is { } lockout ? lockout.Reason + "@" + lockout.Since.UtcTicks.ToString(CultureInfo.InvariantCulture) : "-",

            // Passkeys, added or removed; none leaves the versions of accounts without passkeys as they were.
            .. factors.Passkeys.Count > 0 ? [string.Join(',', factors.Passkeys.Select(p => p.Id))] : Array.Empty<string>(),
        ];

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))), 0, 16);
    }
}
