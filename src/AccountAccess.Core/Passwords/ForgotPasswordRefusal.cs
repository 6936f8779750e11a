namespace AccountAccess.Core.Passwords;

/// <summary>Why forgot-password sent nothing. Never told to the requester; shown to support in the diagnosis.</summary>
public enum ForgotPasswordRefusal
{
    Invisible,
    Departed,
    NoEmail,
    Merged,
}
