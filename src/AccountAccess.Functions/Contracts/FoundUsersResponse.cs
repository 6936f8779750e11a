using AccountAccess.Core.Members;

namespace AccountAccess.Functions.Contracts;

/// <summary>GET /api/users?login=: the user holding that name (none, or one), with the organizations the caller sees it in.</summary>
public sealed record FoundUsersResponse(IReadOnlyList<FoundUser> Users);
