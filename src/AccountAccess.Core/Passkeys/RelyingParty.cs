using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Passwords;
using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;

namespace AccountAccess.Core.Passkeys;

/// <summary>
/// Us, as WebAuthn calls the site a passkey belongs to: the options a browser needs to create or use a passkey, and the
/// checks of its answers (WebAuthn Level 3, 7.1 and 7.2), done by the Fido2 library (passwordless-lib/fido2-net-lib). Before
/// the library, this checks the client data and the relying party id itself, in a fixed order, so that each refusal gets
/// its own reason (the library reports a wrong origin without a code). Attestation: <c>none</c> is asked for and
/// accepted — which authenticator made a passkey is not our policy. No I/O: the ceremonies' options are kept by
/// <see cref="PasskeyCeremonies"/>, the passkeys on the account.
/// </summary>
public sealed class RelyingParty
{
    // WebAuthn 13.4.3: at least 16 random bytes; 32 as the spec's examples and Identity in .NET 10 use.
    private const int ChallengeBytes = 32;

    private static readonly IReadOnlyList<PubKeyCredParam> Algorithms =
    [
        // ES256 first: every platform authenticator has it. EdDSA and RS256 for security keys and Windows Hello.
        PubKeyCredParam.ES256, PubKeyCredParam.Ed25519, PubKeyCredParam.RS256, PubKeyCredParam.PS256, PubKeyCredParam.ES384,
    ];

    private readonly Fido2 fido;
    private readonly byte[] rpIdHash;
    private readonly HashSet<string> origins;

    public RelyingParty(PasskeySettings settings, PasswordSettings passwords)
    {
        Id = settings.RelyingPartyIdFor(passwords.PublicBaseUrl);
        Origins = settings.OriginsFor(passwords.PublicBaseUrl);
        origins = [.. Origins];
        rpIdHash = SHA256.HashData(Encoding.UTF8.GetBytes(Id));
        fido = new Fido2(new Fido2Configuration
        {
            RPID = Id,
            RPName = settings.RelyingPartyName,
            Origins = origins,
            ChallengeSize = ChallengeBytes,
            Timeout = (uint)settings.CeremonyLifetime.TotalMilliseconds,
        });
    }

    /// <summary>The relying party id every passkey is bound to.</summary>
    public string Id { get; }

    /// <summary>The origins whose pages may run the ceremonies.</summary>
    public IReadOnlyList<string> Origins { get; }

    /// <summary>The user handle of <paramref name="user"/>'s passkeys: the account id's bytes (no personal data, never reused).</summary>
    public static byte[] UserHandleOf(User user) => Encoding.UTF8.GetBytes(user.Id);

    /// <summary>
    /// PublicKeyCredentialCreationOptions for a new passkey of <paramref name="user"/> (JSON, binary fields base64url): a
    /// discoverable credential preferred (sign-in without typing a login), the person verified where the authenticator can,
    /// attestation <c>none</c>, and the account's passkeys excluded (an authenticator that holds one says so, not twice).
    /// </summary>
    public string CreationOptions(User user) =>
        fido.RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = UserHandleOf(user), Name = user.Username, DisplayName = user.DisplayName },
            ExcludeCredentials = Descriptors(user.TwoFactor.Passkeys),
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = ResidentKeyRequirement.Preferred,
                UserVerification = UserVerificationRequirement.Preferred,
            },
            AttestationPreference = AttestationConveyancePreference.None,
            PubKeyCredParams = Algorithms,
            Extensions = new AuthenticationExtensionsClientInputs { CredProps = true },
        }).ToJson();

    /// <summary>
    /// PublicKeyCredentialRequestOptions (JSON): for <paramref name="allowed"/> credentials, or any discoverable one of ours
    /// when empty. <paramref name="userVerification"/>: required when the passkey is the only proof (it then stands for
    /// something the person has and something they know or are), preferred when it follows the password.
    /// </summary>
    public string RequestOptions(IReadOnlyList<PublicKeyCredentialDescriptor> allowed, bool userVerification) =>
        fido.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = allowed,
            UserVerification = userVerification ? UserVerificationRequirement.Required : UserVerificationRequirement.Preferred,
        }).ToJson();

    /// <summary>The descriptors of <paramref name="passkeys"/>, their transports as hints for the browser.</summary>
    public static IReadOnlyList<PublicKeyCredentialDescriptor> Descriptors(IEnumerable<Passkey> passkeys) =>
        passkeys.Select(p => new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PublicKey, p.CredentialId, Transports(p.Transports))).ToList();

    /// <summary>Checks a registration's answer against the options it was given; the credential, or why it is refused.</summary>
    public async Task<(NewCredential? Credential, PasskeyProblem? Problem)> VerifyRegistrationAsync(
        string options, PasskeyAttestation answer, IReadOnlyList<Passkey> existing, CancellationToken cancellationToken)
    {
        var original = CredentialCreateOptions.FromJson(options);
        if (CheckClientData(answer.ClientDataJson, "webauthn.create", original.Challenge) is { } clientProblem)
        {
            return (null, clientProblem);
        }

        if (RelyingPartyIdHashOf(answer.AttestationObject) is { } hash && !hash.AsSpan().SequenceEqual(rpIdHash))
        {
            return (null, PasskeyProblem.WrongRpId);
        }

        try
        {
            var registered = await fido.MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = new AuthenticatorAttestationRawResponse
                {
                    Id = System.Buffers.Text.Base64Url.EncodeToString(answer.CredentialId),
                    RawId = answer.CredentialId,
                    Type = PublicKeyCredentialType.PublicKey,
                    Response = new AuthenticatorAttestationRawResponse.AttestationResponse
                    {
                        AttestationObject = answer.AttestationObject,
                        ClientDataJson = answer.ClientDataJson,
                        Transports = Transports(answer.Transports),
                    },
                    ClientExtensionResults = new AuthenticationExtensionsClientOutputs(),
                },
                OriginalOptions = original,
                IsCredentialIdUniqueToUserCallback = (candidate, _) => Task.FromResult(!existing.Any(p => p.Holds(candidate.CredentialId))),
            }, cancellationToken);
            if (!registered.Id.AsSpan().SequenceEqual(answer.CredentialId) || registered.Id.Length > PasskeyJson.MaxCredentialIdBytes)
            {
                return (null, PasskeyProblem.Malformed);
            }

            return (new NewCredential(
                registered.Id, registered.PublicKey, registered.SignCount, answer.Transports, registered.User.Id,
                registered.AaGuid, registered.IsBackupEligible, registered.IsBackedUp), null);
        }
        catch (Fido2VerificationException refused)
        {
            return (null, ProblemOf(refused));
        }
        catch (Exception unreadable) when (IsUnreadable(unreadable))
        {
            return (null, PasskeyProblem.Malformed);
        }
    }

    /// <summary>
    /// Checks a sign-in's answer against the options it was given and <paramref name="passkey"/> as stored: origin, relying
    /// party id, challenge, the credential among those the options allowed, user handle, user presence (and verification
    /// when the options required it), signature and counter, in that order.
    /// </summary>
    public async Task<AssertionCheck> VerifyAssertionAsync(string options, PasskeyAssertion answer, Passkey passkey, CancellationToken cancellationToken)
    {
        var original = AssertionOptions.FromJson(options);
        var signed = SignedBy(passkey, answer);
        var problem = CheckClientData(answer.ClientDataJson, "webauthn.get", original.Challenge)
            ?? (original.AllowCredentials is { Count: > 0 } allowed && !allowed.Any(c => c.Id.AsSpan().SequenceEqual(answer.CredentialId))
                ? PasskeyProblem.UnknownCredential : (PasskeyProblem?)null)
            ?? (answer.AuthenticatorData.Length < 37 ? PasskeyProblem.Malformed : (PasskeyProblem?)null)
            ?? (!answer.AuthenticatorData.AsSpan(0, 32).SequenceEqual(rpIdHash) ? PasskeyProblem.WrongRpId : (PasskeyProblem?)null)
            ?? (answer.UserHandle is { } handle && !handle.AsSpan().SequenceEqual(passkey.UserHandle) ? PasskeyProblem.UnknownCredential : (PasskeyProblem?)null);
        if (problem is not null)
        {
            return new AssertionCheck(problem, signed, 0, passkey.BackedUp);
        }

        try
        {
            var verified = await fido.MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = new AuthenticatorAssertionRawResponse
                {
                    Id = System.Buffers.Text.Base64Url.EncodeToString(answer.CredentialId),
                    RawId = answer.CredentialId,
                    Type = PublicKeyCredentialType.PublicKey,
                    Response = new AuthenticatorAssertionRawResponse.AssertionResponse
                    {
                        AuthenticatorData = answer.AuthenticatorData,
                        ClientDataJson = answer.ClientDataJson,
                        Signature = answer.Signature,
                        UserHandle = answer.UserHandle,
                    },
                    ClientExtensionResults = new AuthenticationExtensionsClientOutputs(),
                },
                OriginalOptions = original,
                StoredPublicKey = passkey.PublicKey,
                StoredSignatureCounter = passkey.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (claim, _) =>
                    Task.FromResult(passkey.Holds(claim.CredentialId) && claim.UserHandle.AsSpan().SequenceEqual(passkey.UserHandle)),
            }, cancellationToken);

            // WebAuthn 7.2 step 22: once either counter is non-zero the new one must be greater; the library lets a 0 after
            // a non-zero through.
            return verified.SignCount == 0 && passkey.SignCount > 0
                ? new AssertionCheck(PasskeyProblem.CounterWentBackwards, signed, verified.SignCount, verified.IsBackedUp)
                : new AssertionCheck(null, signed, verified.SignCount, verified.IsBackedUp);
        }
        catch (Fido2VerificationException refused)
        {
            return new AssertionCheck(ProblemOf(refused), signed, 0, passkey.BackedUp);
        }
        catch (Exception unreadable) when (IsUnreadable(unreadable))
        {
            return new AssertionCheck(PasskeyProblem.Malformed, signed, 0, passkey.BackedUp);
        }
    }

    /// <summary>Whether the passkey's private key signed this authenticator data and client data, whatever they say.</summary>
    public static bool SignedBy(Passkey passkey, PasskeyAssertion answer)
    {
        try
        {
            return new CredentialPublicKey(passkey.PublicKey).Verify([.. answer.AuthenticatorData, .. SHA256.HashData(answer.ClientDataJson)], answer.Signature);
        }
        catch (Exception unreadable) when (IsUnreadable(unreadable))
        {
            return false;
        }
    }

    /// <summary>WebAuthn 7.1/7.2 steps 7–12: the ceremony's type, our origin, the challenge we gave.</summary>
    private PasskeyProblem? CheckClientData(byte[] clientDataJson, string expectedType, byte[] expectedChallenge)
    {
        try
        {
            using var document = JsonDocument.Parse(clientDataJson);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("origin", out var origin) || origin.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("challenge", out var challenge) || challenge.ValueKind != JsonValueKind.String)
            {
                return PasskeyProblem.Malformed;
            }

            if (type.GetString() != expectedType)
            {
                return PasskeyProblem.Malformed;
            }

            // A page framed by another site gets crossOrigin true: we never run in a frame (frame-ancestors 'none').
            if (!origins.Contains(origin.GetString()!) || (root.TryGetProperty("crossOrigin", out var cross) && cross.ValueKind == JsonValueKind.True))
            {
                return PasskeyProblem.WrongOrigin;
            }

            var signedChallenge = System.Buffers.Text.Base64Url.DecodeFromChars(challenge.GetString()!);
            return CryptographicOperations.FixedTimeEquals(signedChallenge, expectedChallenge) ? null : PasskeyProblem.ChallengeMismatch;
        }
        catch (Exception unreadable) when (unreadable is JsonException or FormatException)
        {
            return PasskeyProblem.Malformed;
        }
    }

    /// <summary>The relying party id hash of a registration's authenticator data, read before the library (null if unreadable: it says why).</summary>
    private static byte[]? RelyingPartyIdHashOf(byte[] attestationObject)
    {
        try
        {
            var reader = new System.Formats.Cbor.CborReader(attestationObject);
            var entries = reader.ReadStartMap();
            for (var i = 0; entries is null || i < entries; i++)
            {
                if (reader.PeekState() == System.Formats.Cbor.CborReaderState.EndMap)
                {
                    break;
                }

                if (reader.ReadTextString() == "authData")
                {
                    var authData = reader.ReadByteString();
                    return authData.Length >= 32 ? authData[..32] : null;
                }

                reader.SkipValue();
            }

            return null;
        }
        catch (Exception unreadable) when (IsUnreadable(unreadable))
        {
            return null;
        }
    }

    private static PasskeyProblem ProblemOf(Fido2VerificationException refused) => refused.Code switch
    {
        Fido2ErrorCode.InvalidRpidHash => PasskeyProblem.WrongRpId,
        Fido2ErrorCode.InvalidSignature => PasskeyProblem.BadSignature,
        Fido2ErrorCode.InvalidSignCount => PasskeyProblem.CounterWentBackwards,
        Fido2ErrorCode.UserPresentFlagNotSet => PasskeyProblem.UserNotPresent,
        Fido2ErrorCode.UserVerificationRequirementNotMet => PasskeyProblem.UserNotVerified,
        Fido2ErrorCode.NonUniqueCredentialId => PasskeyProblem.AlreadyRegistered,
        Fido2ErrorCode.InvalidAuthenticatorResponseChallenge => PasskeyProblem.ChallengeMismatch,
        Fido2ErrorCode.InvalidAssertionResponse when refused.Message.Contains("allowCredentials", StringComparison.OrdinalIgnoreCase)
            || refused.Message.Contains("owner", StringComparison.OrdinalIgnoreCase) => PasskeyProblem.UnknownCredential,
        _ => PasskeyProblem.Malformed,
    };

    // What the library and the CBOR reader throw on bytes that are not what they claim (truncated authenticator data, a
    // COSE key of an unknown shape): a refused answer, not a bug of ours.
    private static bool IsUnreadable(Exception exception) =>
        exception is System.Formats.Cbor.CborContentException or InvalidOperationException or FormatException or ArgumentException
            or CryptographicException or OverflowException or IndexOutOfRangeException or InvalidCastException or KeyNotFoundException
            or NotSupportedException or JsonException or Fido2VerificationException;

    private static AuthenticatorTransport[] Transports(IEnumerable<string> names) =>
        names.Select(name => name switch
        {
            "usb" => AuthenticatorTransport.Usb,
            "nfc" => AuthenticatorTransport.Nfc,
            "ble" => AuthenticatorTransport.Ble,
            "smart-card" => AuthenticatorTransport.SmartCard,
            "hybrid" => AuthenticatorTransport.Hybrid,
            "internal" => AuthenticatorTransport.Internal,
            _ => (AuthenticatorTransport?)null,
        }).OfType<AuthenticatorTransport>().ToArray();
}
