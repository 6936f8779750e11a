namespace AccountAccess.Core.TwoFactor;

/// <summary>A code sent for a challenge: its hash, how it was sent, and its life. Only the latest of a challenge works.</summary>
public sealed record IssuedCode(string Hash, TwoFactorMethod Method, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
