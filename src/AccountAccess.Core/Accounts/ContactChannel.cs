namespace AccountAccess.Core.Accounts;

/// <summary>How a user prefers to be reached for account messages.</summary>
public enum ContactChannel
{
    Email,
    Sms,
}
