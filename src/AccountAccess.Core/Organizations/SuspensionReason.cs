namespace AccountAccess.Core.Organizations;

/// <summary>Why an organization's members cannot sign in (API.md <c>organization_suspended</c> <c>details.reason</c>).</summary>
public enum SuspensionReason
{
    /// <summary>Two or more overdue invoices.</summary>
    Billing,

    /// <summary>The organization stopped using the service.</summary>
    LeftService,
}
