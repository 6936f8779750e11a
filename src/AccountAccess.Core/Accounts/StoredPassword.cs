namespace AccountAccess.Core.Accounts;

/// <summary>
/// A password as stored: only its hash (ASP.NET Core Identity format), when it was set and whether it is
/// temporary (set by someone else: the user must choose a new one at the next sign-in).
/// </summary>
public sealed record StoredPassword(string Hash, DateTimeOffset ChangedAt, bool Temporary);
