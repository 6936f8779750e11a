using AccountAccess.Core.SignIn;

namespace AccountAccess.Core.Sessions;

/// <summary>
/// One session: a sign-in's lasting state, kept beside its user (hashed refresh tokens only). Each refresh rotates its
/// refresh token; the one before stays recognisable, with the successor it was given sealed under it, for
/// <see cref="SessionSettings.RefreshReuseInterval"/> (two tabs refreshing at once get the same pair), and older ones
/// are remembered as retired, so presenting any of them again is known for what it is: reuse.
/// </summary>
public sealed record Session
{
    /// <summary>How many retired refresh tokens are remembered (hashes). Defaults to 50, a day and a half of 15-minute refreshes.</summary>
    public const int MaxRetiredTokens = 50;

    public required string Id { get; init; }

    public required string UserId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The session's start or latest refresh: idle time counts from it.</summary>
    public required DateTimeOffset LastUsedAt { get; init; }

    /// <summary>Where it was last used from (the start, then each refresh).</summary>
    public string? Ip { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>The portal and app version it signed in on: each refresh asks the sign-in rules again for them.</summary>
    public required Portal Portal { get; init; }

    public string? AppVersion { get; init; }

    /// <summary>SHA-256 of the current refresh token's secret.</summary>
    public required string RefreshTokenHash { get; init; }

    /// <summary>SHA-256 of the refresh token the latest refresh replaced; null before the first refresh.</summary>
    public string? PreviousRefreshTokenHash { get; init; }

    /// <summary>When the latest refresh happened.</summary>
    public DateTimeOffset? RotatedAt { get; init; }

    /// <summary>The current refresh token's secret, encrypted with a key only the previous token gives (<see cref="RefreshTokens.Seal"/>).</summary>
    public string? SealedSuccessor { get; init; }

    /// <summary>Shortened hashes of older refresh tokens of this session, newest first, at most <see cref="MaxRetiredTokens"/>.</summary>
    public IReadOnlyList<string> RetiredRefreshTokenHashes { get; init; } = [];
}
