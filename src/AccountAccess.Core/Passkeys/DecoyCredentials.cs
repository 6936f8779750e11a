using System.Security.Cryptography;
using System.Text;
using Fido2NetLib.Objects;

namespace AccountAccess.Core.Passkeys;

/// <summary>
/// The credentials a sign-in's options list for a login with no passkey — a login of no account, or of an account without
/// passkeys — so that the options of a login tell nothing about it (no account enumeration): one or two credential ids of
/// the lengths real authenticators use, with their usual transports, the same each time for the same login (a list that
/// changed at each request would give the decoy away), derived from the login under a server key (HMAC-SHA256) that no
/// caller knows.
/// </summary>
public sealed class DecoyCredentials(byte[] key)
{
    // Credential id lengths seen from platform authenticators, password managers and security keys.
    private static readonly int[] Lengths = [16, 20, 32, 64];

    private static readonly AuthenticatorTransport[][] TransportSets =
    [
        [AuthenticatorTransport.Hybrid, AuthenticatorTransport.Internal],
        [AuthenticatorTransport.Internal],
        [AuthenticatorTransport.Nfc, AuthenticatorTransport.Usb],
        [AuthenticatorTransport.Hybrid, AuthenticatorTransport.Internal],
    ];

    public IReadOnlyList<PublicKeyCredentialDescriptor> For(string normalizedLogin)
    {
        var seed = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("passkey-decoy|" + normalizedLogin));
        var count = seed[0] % 4 == 0 ? 2 : 1;
        return Enumerable.Range(0, count).Select(index =>
        {
            var length = Lengths[seed[1 + index] % Lengths.Length];
            var id = HKDF.Expand(HashAlgorithmName.SHA256, seed, length, Encoding.UTF8.GetBytes("credential " + index));
            return new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PublicKey, id, TransportSets[seed[3 + index] % TransportSets.Length]);
        }).ToList();
    }
}
