namespace AccountAccess.Core.Organizations;

/// <summary>A part of an organization (a site, a studio, a restaurant); staff get access rights to units.</summary>
public sealed record Unit(string Id, string OrganizationId, string Name, DateTimeOffset CreatedAt);
