namespace AccountAccess.Functions.Contracts;

/// <summary>POST /api/users/{userId}/password.</summary>
public sealed record NewPasswordBody(string? NewPassword);
