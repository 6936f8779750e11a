using AccountAccess.Core.TwoFactor;

namespace AccountAccess.Functions.Contracts;

/// <summary>POST /api/auth/2fa/send.</summary>
public sealed record SendCodeBody(string? ChallengeId, TwoFactorMethod? Method);
