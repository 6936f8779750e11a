namespace AccountAccess.Core.Devices;

/// <summary>
/// A client the holder signed in on (OWASP "device cookies"): sign-in hands it an opaque token, and a request that brings
/// the token back for this account is judged on this device's own failures, not on those of everyone else trying the
/// username. Only the token's SHA-256 is kept.
/// </summary>
public sealed record TrustedDevice
{
    /// <summary><c>dev_…</c>: names the device on the audit trail and in the diagnosis; it is not the token.</summary>
    public required string Id { get; init; }

    /// <summary>SHA-256 of the token, base64url (<see cref="DeviceTokens.Hash"/>).</summary>
    public required string TokenHash { get; init; }

    /// <summary>
    /// SHA-256 of the token this device had before it was last re-keyed (a refresh or a second factor that could not name
    /// its token): still recognized, so that the tab or app holding it is not cut off by another's re-key. Null until then.
    /// </summary>
    public string? PreviousTokenHash { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a sign-in last renewed it (at most once a day, <see cref="TrustedDevices.RenewalInterval"/>).</summary>
    public required DateTimeOffset RenewedAt { get; init; }

    /// <summary>After this the token is unknown (<see cref="TrustedDevices.Lifetime"/> from the last renewal).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Wrong passwords from this device since its last sign-in; at the policy's <c>maxFailedAttempts</c> it is no longer trusted.</summary>
    public int FailedAttempts { get; init; }

    /// <summary>Where the sign-in that first trusted it came from, for support.</summary>
    public string? FirstIp { get; init; }

    public bool IsValidAt(DateTimeOffset now) => now < ExpiresAt;
}
