using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AccountAccess.Core.Passwords;

/// <summary>
/// Password hashing with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512, random salt,
/// constant-time comparison), at the iteration count OWASP's Password Storage Cheat Sheet gives for PBKDF2-HMAC-SHA512.
/// Passwords are hashed in their NFKC form (<see cref="PasswordNormalization"/>). A hash made with fewer iterations, or
/// before passwords were normalised (of the password as typed), verifies as <see cref="PasswordCheck.CorrectButRehashNeeded"/>,
/// so stored hashes are upgraded at the next sign-in.
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

    public string Hash(string password) => hasher.HashPassword(Owner, PasswordNormalization.Normalize(password));

    /// <summary>
    /// Checks <paramref name="password"/> against <paramref name="hash"/>; with no hash, does the same work and answers
    /// wrong. A password that NFKC changes is checked in that form, then — for a hash made before normalisation — as
    /// typed: two hashes, the same with or without an account, so the time says nothing of which logins exist.
    /// </summary>
    public PasswordCheck Verify(string? hash, string password)
    {
        var normalized = PasswordNormalization.Normalize(password);
        var check = VerifyExactly(hash ?? decoyHash, normalized);
        if (check == PasswordCheck.Wrong && !string.Equals(normalized, password, StringComparison.Ordinal)
            && VerifyExactly(hash ?? decoyHash, password) != PasswordCheck.Wrong)
        {
            check = PasswordCheck.CorrectButRehashNeeded;
        }

        return hash is null ? PasswordCheck.Wrong : check;
    }

    private PasswordCheck VerifyExactly(string hash, string password) =>
        hasher.VerifyHashedPassword(Owner, hash, password) switch
        {
            PasswordVerificationResult.Success => PasswordCheck.Correct,
            PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.CorrectButRehashNeeded,
            _ => PasswordCheck.Wrong,
        };
}
