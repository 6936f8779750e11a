namespace AccountAccess.Functions.Contracts;

/// <summary>POST /api/password/change: <c>currentPassword</c> (signed-in user) or <c>changeToken</c> (from sign-in), and the new password.</summary>
public sealed record ChangePasswordBody(string? CurrentPassword, string? ChangeToken, string? NewPassword);
