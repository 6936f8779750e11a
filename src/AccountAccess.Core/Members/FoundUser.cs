namespace AccountAccess.Core.Members;

/// <summary>A user found by one of its names, with the organizations the finder may see it in.</summary>
public sealed record FoundUser(string Id, string Username, string DisplayName, IReadOnlyList<string> OrganizationIds);
