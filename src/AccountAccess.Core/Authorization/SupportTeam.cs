using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Authorization;

/// <summary>
/// The support team as accounts (API.md "Support accounts", configuration <c>Operator:*</c>): the administrators of
/// <see cref="OrganizationId"/> who hold <see cref="Permission.Support"/> there are operators when they sign in on the
/// management portal, with a second factor required, and everything they do is audited under their own user id. Unlike
/// the one shared <c>Operator:ApiKey</c>, each person is named in the trail, proves a second factor, and loses the right
/// the moment the permission or the membership goes.
/// </summary>
public sealed record SupportTeam
{
    /// <summary>The support team's organization. Defaults to null: no account is an operator, only the key is.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>Whether <paramref name="user"/> is, as stored now, a support account: an administrator of the team's organization with <see cref="Permission.Support"/>, its access not revoked.</summary>
    public bool Includes(User user) =>
        OrganizationId is { Length: > 0 } organizationId
        && user.MembershipIn(organizationId) is { Role: Role.Administrator, AccessRevoked: false } membership
        && membership.Has(Permission.Support);
}
