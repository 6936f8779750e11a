namespace AccountAccess.Core.Sessions;

/// <summary>Why a session was ended before its time. The wire form is snake_case (<c>signed_out</c>).</summary>
public enum SessionEndReason
{
    /// <summary>POST /api/auth/logout with the session's access token.</summary>
    SignedOut,

    /// <summary>The holder ended it from the session list (DELETE /api/account/sessions/{id}).</summary>
    EndedByHolder,

    /// <summary>An administrator or operator ended every session of the user (DELETE /api/users/{id}/sessions).</summary>
    EndedByAdministrator,

    /// <summary>A refresh token of the session was presented again after the reuse interval: someone else may hold it.</summary>
    RefreshTokenReused,

    /// <summary>The user started more sessions than are kept (<see cref="SessionSettings.MaxSessionsPerUser"/>): the oldest made room.</summary>
    Replaced,
}
