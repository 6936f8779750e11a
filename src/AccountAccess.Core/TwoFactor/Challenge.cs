using AccountAccess.Core.SignIn;

namespace AccountAccess.Core.TwoFactor;

/// <summary>
/// A sign-in waiting for its second factor (API.md <c>two_factor_required</c>): whose, from which portal, until when,
/// the codes sent (newest last: only it works) and the wrong codes so far (five end the challenge).
/// </summary>
public sealed record Challenge
{
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public required Portal Portal { get; init; }

    public string? AppVersion { get; init; }

    /// <summary>The trusted device whose sign-in opened the challenge, if any: the step that completes it is trusted too.</summary>
    public string? TrustedDeviceId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>
    /// The account's <see cref="Accounts.CredentialVersion"/> when the password was proven: the challenge dies once it
    /// differs. Null only for challenges opened before it existed, which are refused.
    /// </summary>
    public string? CredentialVersion { get; init; }

    public IReadOnlyList<IssuedCode> Codes { get; init; } = [];

    /// <summary>
    /// The request options a passkey answers this challenge with (JSON, the WebAuthn challenge among them), when the account
    /// had passkeys as the password was proven; null otherwise.
    /// </summary>
    public string? PasskeyOptions { get; init; }

    /// <summary>Only a passkey answers it: an organization of the account requires phishing-resistant sign-in.</summary>
    public bool PasskeyOnly { get; init; }

    public int WrongCodes { get; init; }

    /// <summary>Set once the challenge is over (verified, too many wrong codes): it cannot be used again.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    public bool IsOpenAt(DateTimeOffset now) => EndedAt is null && now < ExpiresAt;

    /// <summary>Whether <paramref name="user"/>'s password, second factors and state are still those the challenge was opened on.</summary>
    public bool StillHolds(Accounts.User user) => CredentialVersion is not null && CredentialVersion == Accounts.CredentialVersion.Of(user);
}
