using System.Text;

namespace AccountAccess.Core.Accounts;

/// <summary>
/// The canonical form of a username or email: Unicode NFKC, trimmed, lower case. Logins are matched and kept
/// unique in this form, so "Ｊｅａｎ " and "jean" are the same login.
/// </summary>
public static class LoginName
{
    public static string Normalize(string login) =>
        login.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant();
}
