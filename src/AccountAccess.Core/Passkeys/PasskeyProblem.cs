namespace AccountAccess.Core.Passkeys;

/// <summary>
/// Why a passkey ceremony was refused (API.md <c>passkey_invalid</c> <c>details.reason</c>, in snake_case). The first
/// four are what a phishing page, a replay or a cloned authenticator produce.
/// </summary>
public enum PasskeyProblem
{
    /// <summary>The browser signed for another origin than ours (a look-alike site relaying the ceremony).</summary>
    WrongOrigin,

    /// <summary>The authenticator signed for another relying party id than ours.</summary>
    WrongRpId,

    /// <summary>The credential is not a passkey of the account (or of any account, when none is named).</summary>
    UnknownCredential,

    /// <summary>The signature counter did not move forward: a cloned authenticator, or a replayed assertion.</summary>
    CounterWentBackwards,

    /// <summary>The ceremony's options were already answered once (each is single-use).</summary>
    ChallengeReused,

    /// <summary>The ceremony's options are unknown or past their life.</summary>
    ChallengeExpired,

    /// <summary>The browser signed another challenge than the one these options carried.</summary>
    ChallengeMismatch,

    /// <summary>The signature does not verify with the passkey's public key.</summary>
    BadSignature,

    /// <summary>The authenticator did not see a person (WebAuthn's user-presence flag).</summary>
    UserNotPresent,

    /// <summary>A sign-in with the passkey alone needs the authenticator to verify the person (PIN, biometrics).</summary>
    UserNotVerified,

    /// <summary>The credential is already one of the account's passkeys.</summary>
    AlreadyRegistered,

    /// <summary>The response is not a WebAuthn response of this ceremony (wrong type, unreadable authenticator data).</summary>
    Malformed,
}
