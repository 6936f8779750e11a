namespace AccountAccess.Functions.Contracts;

/// <summary>
/// POST /api/auth/refresh. <c>deviceToken</c>: the one this client holds (API.md "Trusted devices"), answered again while
/// it is still one of the account's; without it the answer carries a new token for the session's device.
/// </summary>
public sealed record RefreshBody(string? RefreshToken, string? DeviceToken = null);
