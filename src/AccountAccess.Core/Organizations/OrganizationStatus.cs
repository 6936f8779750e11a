namespace AccountAccess.Core.Organizations;

/// <summary>Whether an organization still uses the service.</summary>
public enum OrganizationStatus
{
    Active,

    /// <summary>The company left the service: its members lose access.</summary>
    LeftService,
}
