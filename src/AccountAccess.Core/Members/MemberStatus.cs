namespace AccountAccess.Core.Members;

/// <summary>
/// What an administrator lists members by (API.md "Finding people": <c>status</c>). A member's
/// <see cref="MemberStatuses.PrimaryAt">primary status</see> is one of the first five; it may also have a password that
/// expired or no email on file, which the welcome kits of a batch skip.
/// </summary>
public enum MemberStatus
{
    /// <summary>Has a password and nothing below applies: may sign in (blockers tell what else stands in the way).</summary>
    Active,

    /// <summary>Created without a password: a welcome kit is due.</summary>
    PendingActivation,

    /// <summary>Deactivated for security reasons (too many wrong passwords, suspicious activity): reactivation or, where the policy says so, a new password ends it.</summary>
    Locked,

    /// <summary>Deactivated by a person (<c>manual</c>) or merged into another account.</summary>
    Deactivated,

    /// <summary>The departure date is past.</summary>
    Departed,

    /// <summary>Rotation expired the password: the next sign-in asks for a new one.</summary>
    PasswordExpired,

    /// <summary>No main email on file: no welcome kit or reset link can reach the person.</summary>
    NoEmail,
}
