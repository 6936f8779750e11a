namespace AccountAccess.Core.Notifications.Holder;

/// <summary>How a password was set, as the holder is told.</summary>
public enum PasswordChangeWay
{
    /// <summary>By the holder, with the current password or the change token of a sign-in.</summary>
    Holder,

    /// <summary>Through a reset link emailed to the holder.</summary>
    ResetLink,

    /// <summary>By an administrator, supervisor or operator (the holder must choose a new one at the next sign-in).</summary>
    Administrator,

    /// <summary>A temporary password made by an administrator or operator.</summary>
    Temporary,
}
