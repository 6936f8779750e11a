namespace AccountAccess.Functions.Contracts;

/// <summary>POST /api/auth/refresh.</summary>
public sealed record RefreshBody(string? RefreshToken);
