using System.Security.Cryptography;

namespace AccountAccess.Core.Accounts;

/// <summary>Random values that mark a version of a user's credentials; a token whose stamp differs is no longer honoured.</summary>
public static class SecurityStamps
{
    public static string New() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
