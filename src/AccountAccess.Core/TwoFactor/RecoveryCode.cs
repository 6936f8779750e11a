namespace AccountAccess.Core.TwoFactor;

/// <summary>A recovery code as stored: its hash (<see cref="RecoveryCodeHasher"/>) and when it was used (each works once).</summary>
public sealed record RecoveryCode(string Hash, DateTimeOffset? UsedAt = null);
