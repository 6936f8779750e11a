namespace AccountAccess.Core.Passwords;

/// <summary>Why forgot-password sent nothing. Never told to the requester; shown to support in the diagnosis.</summary>
public enum ForgotPasswordRefusal
{
    Invisible,
    Departed,
    NoEmail,
    Merged,

    /// <summary><c>Passwords:ForgotPasswordEmailsPerAccountPerHour</c> reset emails went to the account in the last hour.</summary>
    Throttled,
}
