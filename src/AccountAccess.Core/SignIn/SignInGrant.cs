using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.SignIn;

/// <summary>What a successful sign-in opens: the role it acts in and the organizations it may act for.</summary>
public sealed record SignInGrant(Role Role, IReadOnlyList<string> OrganizationIds);
