using AccountAccess.Core.Authorization;

namespace AccountAccess.Functions.Http;

/// <summary>
/// The function acts on the organization its <c>{orgId}</c> route value names: the pipeline checks <see cref="Action"/>
/// with <see cref="AccessRules"/> before reading any body, as <see cref="ActsOnUserAttribute"/> does for a user.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ActsOnOrganizationAttribute(OrganizationAction action) : Attribute
{
    public const string RouteValue = "orgId";

    public OrganizationAction Action { get; } = action;
}
