using AccountAccess.Core.Accounts;

namespace AccountAccess.Functions.Contracts;

public sealed record CreatedUserResponse(string Id, string Username, AccountStatus Status);
