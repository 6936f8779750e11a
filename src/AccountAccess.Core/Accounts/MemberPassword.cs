namespace AccountAccess.Core.Accounts;

/// <summary>What the member index keeps of a password: never its hash, only what says whether sign-in will ask for a new one.</summary>
public sealed record MemberPassword(DateTimeOffset ChangedAt, bool Temporary, DateTimeOffset? ExpiredAt);
