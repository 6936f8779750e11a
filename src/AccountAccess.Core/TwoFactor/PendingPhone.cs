namespace AccountAccess.Core.TwoFactor;

/// <summary>
/// A phone awaiting proof that its holder receives codes on it: the six-digit code sent there (its hash), until when it
/// works, and the wrong codes so far. It becomes a factor only once that code comes back (API.md "Two-factor enrolment").
/// </summary>
public sealed record PendingPhone(string Phone, string CodeHash, DateTimeOffset ExpiresAt, int WrongCodes = 0);
