using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AccountAccess.Core.Passwords;

/// <summary>
/// Password hashing with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512, random salt,
/// constant-time comparison), at the iteration count OWASP's Password Storage Cheat Sheet gives for PBKDF2-HMAC-SHA512.
/// A hash made with fewer iterations verifies as <see cref="PasswordCheck.CorrectButRehashNeeded"/>, so stored hashes
/// are upgraded at the next sign-in.
/// </summary>
public sealed class PasswordHashing
{
    /// <summary>OWASP's figure for PBKDF2-HMAC-SHA512. Defaults to 210,000.</summary>
    public const int DefaultIterations = 210_000;

    private static readonly object Owner = new();

    private readonly PasswordHasher<object> hasher;

    // Verified against when there is no account (or no password yet), so an unknown login costs the same work as a
    // wrong password and response times do not reveal which logins exist.
    private readonly string decoyHash;

    public PasswordHashing(int iterations = DefaultIterations)
    {
        hasher = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = iterations,
        }));
        decoyHash = hasher.HashPassword(Owner, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
    }

    public string Hash(string password) => hasher.HashPassword(Owner, password);

    /// <summary>Checks <paramref name="password"/> against <paramref name="hash"/>; with no hash, does the same work and answers wrong.</summary>
    public PasswordCheck Verify(string? hash, string password)
    {
        if (hash is null)
        {
            hasher.VerifyHashedPassword(Owner, decoyHash, password);
            return PasswordCheck.Wrong;
        }

        return hasher.VerifyHashedPassword(Owner, hash, password) switch
        {
            PasswordVerificationResult.Success => PasswordCheck.Correct,
            PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.CorrectButRehashNeeded,
            _ => PasswordCheck.Wrong,
        };
    }
}
