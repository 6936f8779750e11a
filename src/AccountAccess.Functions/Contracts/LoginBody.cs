using AccountAccess.Core.SignIn;

namespace AccountAccess.Functions.Contracts;

/// <summary>POST /api/auth/login.</summary>
public sealed record LoginBody(string? Login, string? Password, Portal? Portal, string? AppVersion);
