namespace AccountAccess.Functions.Contracts;

/// <summary>POST /api/password/reset: the token from an emailed reset or activation link.</summary>
public sealed record ResetPasswordBody(string? Token, string? NewPassword);
