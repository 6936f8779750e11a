namespace AccountAccess.Core.Authorization;

/// <summary>What one person may do to another's account, through the administration routes.</summary>
public enum UserAction
{
    View,
    Edit,
    ViewEvents,
    ViewDiagnosis,
    Deactivate,
    Reactivate,

    /// <summary>Lifting a <c>suspicious_activity</c> lock: administrators and operators only, never supervisors.</summary>
    ReactivateAfterSuspiciousActivity,
    SetPassword,
    SetTemporaryPassword,
    RevokeAccess,
    ResetTwoFactor,

    /// <summary>Ending every session of the user (DELETE /api/users/{id}/sessions): administrators and operators, never supervisors.</summary>
    EndSessions,
    SendWelcomeKit,
}
