namespace AccountAccess.Core.Accounts;

/// <summary>A member's role in one organization. Employees, managers and administrators are staff.</summary>
public enum Role
{
    Employee,
    Manager,
    Administrator,
    Client,
}
