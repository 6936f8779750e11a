namespace AccountAccess.Functions.Contracts;

public sealed record ReleaseEmailBody(string? Email);
