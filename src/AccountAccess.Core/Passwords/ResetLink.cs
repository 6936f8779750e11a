namespace AccountAccess.Core.Passwords;

/// <summary>
/// A reset or activation link as stored: its id and the SHA-256 of its secret (never the secret), what it is for, and
/// what became of it. A user keeps the last few, so a stale link can be told apart from an unknown one.
/// <see cref="ExpiryRecordedAt"/>: when its expiry went on the record, so a repeated run records it once.
/// <see cref="SupersededBy"/>: what ended it early (null on links stored before it was kept: a newer link).
/// <see cref="EmailedAt"/>: when its email went out (<see cref="LinkEmails"/>); null until then, and for good if it never did.
/// </summary>
public sealed record ResetLink(
    string LinkId,
    string SecretHash,
    ResetLinkPurpose Purpose,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt = null,
    DateTimeOffset? SupersededAt = null,
    DateTimeOffset? ExpiryRecordedAt = null,
    ResetLinkSupersededBy? SupersededBy = null,
    DateTimeOffset? EmailedAt = null)
{
    public bool IsPendingAt(DateTimeOffset now) => UsedAt is null && SupersededAt is null && now < ExpiresAt;
}
