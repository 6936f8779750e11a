namespace AccountAccess.Functions.Contracts;

/// <summary>POST /api/account/2fa/phone.</summary>
public sealed record PhoneBody(string? Phone);
