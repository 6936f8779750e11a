namespace AccountAccess.Core.Passwords;

/// <summary>A forgot-password request as queued for handling after the answer: the login as typed, and where it came from.</summary>
public sealed record ForgotPasswordRequest(string Login, string? Ip, DateTimeOffset RequestedAt);
