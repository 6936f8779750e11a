namespace AccountAccess.Functions.Contracts;

/// <summary>The one time a temporary password is shown: to the administrator who asked for it.</summary>
public sealed record TemporaryPasswordResponse(string TemporaryPassword);
