namespace AccountAccess.Core.Accounts;

/// <summary>
/// Extra rights a staff member can be given in one organization. Administrators hold all of them implicitly, but
/// <see cref="Support"/>.
/// </summary>
public enum Permission
{
    UserManagement,
    Billing,

    /// <summary>
    /// In the support team's organization (<c>Operator:OrganizationId</c>), makes an administrator an operator when signed in
    /// on the management portal with a second factor (<see cref="Authorization.SupportTeam"/>). Never implicit, and given or
    /// taken only by an operator: an administrator of that organization cannot make itself one.
    /// </summary>
    Support,
}
