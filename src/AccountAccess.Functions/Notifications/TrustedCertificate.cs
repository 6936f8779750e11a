using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AccountAccess.Functions.Notifications;

/// <summary>
/// Validates the SMTP server's certificate: the system's checks, or else an exact match of the one certificate
/// <c>Email:Smtp:TrustedCertificateThumbprint</c> names. Pinning one certificate lets a self-signed relay (or the tests'
/// server) be trusted without ever turning validation off.
/// </summary>
public sealed class TrustedCertificate(string? thumbprint)
{
    private readonly string? sha256 = thumbprint is null ? null : Normalize(thumbprint);

    /// <summary>The thumbprint as 64 upper-case hex digits, or null when it is not a SHA-256 thumbprint.</summary>
    public static string? Normalize(string thumbprint)
    {
        var hex = thumbprint.Replace(":", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        return hex.Length == 64 && hex.All(Uri.IsHexDigit) ? hex : null;
    }

    /// <summary>The SHA-256 thumbprint in the form this setting takes.</summary>
    public static string ThumbprintOf(X509Certificate certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>For <c>SmtpClient.ServerCertificateValidationCallback</c>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        errors == SslPolicyErrors.None
        || (sha256 is not null && certificate is not null && string.Equals(ThumbprintOf(certificate), sha256, StringComparison.Ordinal));
}
