namespace AccountAccess.Functions.Contracts;

/// <summary>DELETE /api/account/2fa: the password proves it is the account holder.</summary>
public sealed record PasswordBody(string? Password);
