using System.Globalization;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace AccountAccess.Functions.Auth;

/// <summary>
/// The EC P-256 keys that sign access, change and enrolment tokens (ES256), from <c>Auth:SigningKeys</c>: PEM private keys
/// (PKCS#8), several in one value separated by a blank line, or one per <c>Auth:SigningKeys:0</c>, <c>:1</c>… The first
/// signs; every one is published (<c>GET /api/auth/jwks</c>) and accepted, so a key can be rotated in ahead of signing and
/// out after its last token has expired. Each key's <c>kid</c> is its RFC 7638 thumbprint, so the same key always has the
/// same id wherever it is configured. Required in Production; elsewhere a missing key is replaced by a random one (tokens
/// then end with the process; <c>./scripts/start</c> keeps one in <c>.local/</c> instead).
/// </summary>
public sealed class SigningKeys
{
    public const string Section = "Auth:SigningKeys";

    private const string P256Oid = "1.2.840.10045.3.1.7";

    private SigningKeys(IReadOnlyList<ECDsaSecurityKey> keys, bool generated)
    {
        All = keys;
        Generated = generated;
        Credentials = new SigningCredentials(keys[0], SecurityAlgorithms.EcdsaSha256);
        Published = [.. keys.Select(PublishedKey.Of)];
    }

    /// <summary>Every key tokens are accepted from, the signing one first.</summary>
    public IReadOnlyList<ECDsaSecurityKey> All { get; }

    /// <summary>ES256 with the first key.</summary>
    public SigningCredentials Credentials { get; }

    /// <summary>The public halves, as JWKS publishes them.</summary>
    public IReadOnlyList<PublishedKey> Published { get; }

    /// <summary>True when no key was configured and a random one made for this process.</summary>
    public bool Generated { get; }

    public static SigningKeys From(IConfiguration configuration, IHostEnvironment environment)
    {
        var pems = Configured(configuration.GetSection(Section));
        if (pems.Count == 0)
        {
            return environment.IsProduction()
                ? throw new InvalidOperationException($"{Section} is required in Production: one or more PEM-encoded EC P-256 private keys (PKCS#8); infra/README.md says how.")
                : new SigningKeys([Load(GeneratePem(), 0)], generated: true);
        }

        return FromPem(pems);
    }

    /// <summary>The keys of <paramref name="pems"/>, each value holding one or more PEM blocks.</summary>
    public static SigningKeys FromPem(IEnumerable<string> pems)
    {
        var blocks = pems.SelectMany(Blocks).ToList();
        if (blocks.Count == 0)
        {
            throw new InvalidOperationException($"{Section} holds no PEM private key.");
        }

        var keys = blocks.Select(Load).ToList();
        var duplicate = keys.GroupBy(k => k.KeyId).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? new SigningKeys(keys, generated: false)
            : throw new InvalidOperationException($"{Section} names the same key twice (kid {duplicate.Key}).");
    }

    /// <summary>A new EC P-256 private key in PKCS#8 PEM, as <c>./scripts/start</c> and the tests make them.</summary>
    public static string GeneratePem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>The values configured: one string, or the children <c>0</c>, <c>1</c>… in order.</summary>
    private static List<string> Configured(IConfigurationSection section)
    {
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return [section.Value];
        }

        return [.. section.GetChildren()
            .Where(child => !string.IsNullOrWhiteSpace(child.Value))
            .OrderBy(child => int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : int.MaxValue)
            .Select(child => child.Value!)];
    }

    private static IEnumerable<string> Blocks(string value)
    {
        var rest = value.AsMemory();
        while (PemEncoding.TryFind(rest.Span, out var fields))
        {
            yield return rest[fields.Location].ToString();
            rest = rest[fields.Location.End..];
        }
    }

    private static ECDsaSecurityKey Load(string pem, int index)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            var parameters = ecdsa.ExportParameters(includePrivateParameters: true);
            if (parameters.Curve.Oid?.Value != P256Oid && parameters.Curve.Oid?.FriendlyName is not ("nistP256" or "ECDSA_P256"))
            {
                throw new InvalidOperationException($"Key {index + 1} of {Section} is not on the P-256 curve (ES256 needs P-256).");
            }
        }
        catch (Exception unreadable) when (unreadable is ArgumentException or CryptographicException)
        {
            ecdsa.Dispose();
            throw new InvalidOperationException($"Key {index + 1} of {Section} is not a PEM-encoded EC private key.", unreadable);
        }

        var key = new ECDsaSecurityKey(ecdsa);
        key.KeyId = Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromECDsaSecurityKey(key).ComputeJwkThumbprint());
        return key;
    }
}
