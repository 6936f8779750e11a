namespace AccountAccess.Core.Accounts;

/// <summary>The summary state of an account, as shown to administrators.</summary>
public enum AccountStatus
{
    /// <summary>Created without a password: a welcome kit with an activation link is due.</summary>
    PendingActivation,
    Active,
    Deactivated,
}
