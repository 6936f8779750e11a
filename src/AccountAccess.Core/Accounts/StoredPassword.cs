namespace AccountAccess.Core.Accounts;

/// <summary>
/// A password as stored: only its hash (ASP.NET Core Identity format), when it was set, whether it is temporary (set
/// by someone else: the user must choose a new one at the next sign-in), when the rotation reminder about it went out
/// (so a second delivery of the reminder sends nothing) and when rotation expired it.
/// </summary>
public sealed record StoredPassword(string Hash, DateTimeOffset ChangedAt, bool Temporary, DateTimeOffset? ExpiredAt = null, DateTimeOffset? ReminderSentAt = null);
