namespace AccountAccess.Core.Billing;

/// <summary>What an event or the reactivation delay did to an organization's access; the webhook answers it as <c>outcome</c>.</summary>
public enum BillingTransition
{
    /// <summary>Recorded, access unchanged.</summary>
    Recorded,

    /// <summary>Nothing to record: the invoice was already overdue, or already paid.</summary>
    Ignored,

    /// <summary>Two or more overdue invoices: members cannot sign in (<c>organization_suspended</c> / <c>billing</c>).</summary>
    Suspended,

    /// <summary>Payments brought the overdue invoices below two: access returns after the reactivation delay.</summary>
    ReactivationScheduled,

    /// <summary>A new overdue invoice during the reactivation delay: access stays suspended.</summary>
    ReactivationCancelled,

    /// <summary>The reactivation delay ended: access is back.</summary>
    Restored,
}
