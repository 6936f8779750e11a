using System.Security.Cryptography;
using AccountAccess.Functions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace AccountAccess.Functions.Auth;

/// <summary>
/// The key that signs access tokens (HMAC-SHA256), from <c>Auth:SigningKey</c>. Outside Production a missing key is
/// replaced by a random one (tokens then die with the process); in Production the app refuses to start without one.
/// </summary>
public sealed class SigningKey
{
    public const int MinimumBytes = 32;

    private SigningKey(SymmetricSecurityKey key, bool generated)
    {
        Key = key;
        Generated = generated;
    }

    public SymmetricSecurityKey Key { get; }

    public bool Generated { get; }

    public static SigningKey From(AuthOptions options, IHostEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            if (environment.IsProduction())
            {
                throw new InvalidOperationException("Auth:SigningKey is required in Production: base64 of at least 32 random bytes.");
            }

            return new SigningKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(MinimumBytes)), generated: true);
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(options.SigningKey);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Auth:SigningKey must be base64.");
        }

        if (bytes.Length < MinimumBytes)
        {
            throw new InvalidOperationException($"Auth:SigningKey must hold at least {MinimumBytes} bytes.");
        }

        return new SigningKey(new SymmetricSecurityKey(bytes), generated: false);
    }
}
