namespace AccountAccess.Functions.Contracts;

/// <summary>A human message in the request's language.</summary>
public sealed record MessageResponse(string Message);
