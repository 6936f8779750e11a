using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.SignIn;

/// <summary>What a successful sign-in opens: the role it acts in and the organizations it may act for.</summary>
public sealed record SignInGrant(Role Role, IReadOnlyList<string> OrganizationIds)
{
    /// <summary>A support account signed in on the management portal: its token says <c>role: operator</c> (<see cref="Authorization.SupportTeam"/>).</summary>
    public bool AsOperator { get; init; }
}
