namespace AccountAccess.Core.Sessions;

/// <summary>Why a refresh token was refused: <c>details.reason</c> of <c>invalid_refresh_token</c> (API.md).</summary>
public enum RefreshTokenProblem
{
    /// <summary>Its session went idle too long (<c>sessionIdleMinutes</c>) or reached its maximum age (<c>sessionMaxDays</c>).</summary>
    Expired,

    /// <summary>Its session was ended: signed out, ended from the list or by an administrator, or by a password change, deactivation…</summary>
    Revoked,

    /// <summary>A refresh token already exchanged was presented again after the reuse interval; the session is ended.</summary>
    Reused,

    /// <summary>Not a refresh token of ours, or of a session no longer kept.</summary>
    Unknown,
}
