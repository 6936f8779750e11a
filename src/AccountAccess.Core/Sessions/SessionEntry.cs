namespace AccountAccess.Core.Sessions;

/// <summary>
/// A session as the user's own document lists it: enough to tell whether it is still open, so the user read every
/// authenticated call already makes refuses an ended session's access token without reading the session itself.
/// </summary>
/// <param name="Id">The session id (<c>ses_…</c>), the <c>sid</c> of its access tokens.</param>
/// <param name="SecurityStamp">The user's security stamp when it started: a password change, a deactivation, a second-factor reset… renew the stamp and so end it.</param>
/// <param name="ExpiresAt">Its maximum age (<c>sessionMaxDays</c>) as of its start.</param>
public sealed record SessionEntry(string Id, string SecurityStamp, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public DateTimeOffset? EndedAt { get; init; }

    public SessionEndReason? EndReason { get; init; }

    /// <summary>
    /// The trusted device (<c>dev_…</c>) the session was opened on: ending the session revokes it (API.md, "revoked with
    /// its session list entry"), and a refresh that does not bring its token back re-keys it. Null for sessions opened
    /// before sessions remembered their device.
    /// </summary>
    public string? DeviceId { get; init; }

    /// <summary>Not ended, not past its maximum age, started under the user's current stamp. Idle time is the session's own to judge.</summary>
    public bool IsOpenAt(DateTimeOffset now, string currentStamp) => EndedAt is null && now < ExpiresAt && SecurityStamp == currentStamp;

    public SessionEntry EndedBy(SessionEndReason reason, DateTimeOffset now) => this with { EndedAt = now, EndReason = reason };
}
