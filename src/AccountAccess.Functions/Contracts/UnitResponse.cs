namespace AccountAccess.Functions.Contracts;

public sealed record UnitResponse(string Id, string Name);
