namespace AccountAccess.Functions.Contracts;

/// <summary>POST /api/account/2fa/totp/confirm.</summary>
public sealed record CodeBody(string? Code);
