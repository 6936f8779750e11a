namespace AccountAccess.Core.Accounts;

/// <summary>Extra rights a staff member can be given in one organization. Administrators hold all of them implicitly.</summary>
public enum Permission
{
    UserManagement,
    Billing,
}
