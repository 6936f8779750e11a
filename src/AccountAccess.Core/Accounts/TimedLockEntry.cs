namespace AccountAccess.Core.Accounts;

/// <summary>An index entry saying that <see cref="UserId"/>'s timed lockout ends at <see cref="Until"/>.</summary>
public sealed record TimedLockEntry(string UserId, DateTimeOffset Until);
