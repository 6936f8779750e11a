using AccountAccess.Core.SignIn;

namespace AccountAccess.Functions.Contracts;

/// <summary>POST /api/auth/login. <c>deviceToken</c>: the one this client got at its last sign-in (API.md "Trusted devices").</summary>
public sealed record LoginBody(string? Login, string? Password, Portal? Portal, string? AppVersion, string? DeviceToken = null);
