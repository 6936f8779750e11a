namespace AccountAccess.Core.TwoFactor;

/// <summary>A recovery code as stored: its hash and when it was used (each works once).</summary>
public sealed record RecoveryCode(string Hash, DateTimeOffset? UsedAt = null);
