namespace AccountAccess.Functions.Contracts;

/// <summary>The password again (step-up): DELETE /api/account/2fa, and POST /api/account/2fa/totp when a second factor is enrolled.</summary>
public sealed record PasswordBody(string? Password);
