namespace AccountAccess.Core.Passwords;

/// <summary>
/// A working link as its page shows it before anything is typed: what it is for, until when it works, and the rules
/// the new password must meet (the strictest of the holder's organizations, <see cref="PasswordPolicy"/>).
/// </summary>
public sealed record ResetLinkCheck(ResetLinkPurpose Purpose, DateTimeOffset ExpiresAt, int MinPasswordLength, int PasswordHistory);
