namespace AccountAccess.Functions.Contracts;

public sealed record MergeBody(string? IntoUserId);
