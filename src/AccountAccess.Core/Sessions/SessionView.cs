namespace AccountAccess.Core.Sessions;

/// <summary>An open session as its holder sees it in the list; <see cref="Current"/> is the one asking.</summary>
public sealed record SessionView(string Id, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, DateTimeOffset ExpiresAt, string? Ip, string? UserAgent, bool Current);
