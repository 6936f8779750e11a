namespace AccountAccess.Functions.Contracts;

/// <summary>POST /api/users/{userId}/deactivate. Only <c>manual</c> may be asked for; the others are set by the service.</summary>
public sealed record DeactivateBody(string? Reason);
