namespace AccountAccess.Core.Passwords;

/// <summary>What ended a reset or activation link before its time, other than its use. Presented, it is <c>superseded</c> alike.</summary>
public enum ResetLinkSupersededBy
{
    /// <summary>A newer link was issued: only the latest works.</summary>
    NewerLink,

    /// <summary>The main email changed: a link sent to the old address must not set the account's password.</summary>
    EmailChange,

    /// <summary>The account was merged into another: no password is set on an account that is no more.</summary>
    Merge,

    /// <summary>
    /// The password was changed another way (by its owner, an administrator, a temporary password): a link asked for
    /// before must not undo that change later, from a mailbox that may since have been read by someone else (Django's
    /// reset tokens end the same way, by hashing in the password).
    /// </summary>
    PasswordChange,
}
