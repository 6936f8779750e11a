using System.Text;

namespace AccountAccess.Core.Passwords;

/// <summary>
/// NIST SP 800-63B 5.1.1.2: a password is hashed and compared in Unicode NFKC, so the same password typed on two
/// keyboards or systems — a precomposed <c>é</c> or <c>e</c> and a combining accent, full-width letters, a ligature —
/// is the same password, for sign-in as for the rules (length, common list, username, history).
/// </summary>
public static class PasswordNormalization
{
    public static string Normalize(string password)
    {
        try
        {
            return password.IsNormalized(NormalizationForm.FormKC) ? password : password.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Not valid UTF-16 (a lone surrogate), which no keyboard types: kept as given, it can still be checked.
            return password;
        }
    }
}
