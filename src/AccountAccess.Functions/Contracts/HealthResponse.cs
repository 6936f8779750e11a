namespace AccountAccess.Functions.Contracts;

public sealed record HealthResponse(string Status);
