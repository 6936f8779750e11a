namespace AccountAccess.Core.Passkeys;

/// <summary>
/// The options a registration or a passwordless sign-in was given (the WebAuthn challenge among them), kept until they are
/// answered once or their short life ends. Single-use: the first answer ends the ceremony whatever its outcome, so a
/// captured response cannot be played again.
/// </summary>
public sealed record PasskeyCeremony
{
    /// <summary><c>pkc_</c> and 128 random bits: the <c>challengeId</c> the client sends back.</summary>
    public required string Id { get; init; }

    public required PasskeyCeremonyPurpose Purpose { get; init; }

    /// <summary>
    /// Whose ceremony: the registering holder; for a sign-in, the account of the login typed — null when none was typed
    /// (discoverable credentials) or when it names no account.
    /// </summary>
    public string? UserId { get; init; }

    /// <summary>The options as given to the browser (JSON, binary fields base64url), which the answer is checked against.</summary>
    public required string Options { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Set by the first answer, right or wrong.</summary>
    public DateTimeOffset? EndedAt { get; init; }
}
