namespace AccountAccess.Functions.Contracts;

/// <summary>POST /api/password/forgot.</summary>
public sealed record LoginOnlyBody(string? Login);
