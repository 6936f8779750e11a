using System.ComponentModel.DataAnnotations;

namespace AccountAccess.Core.Billing;

/// <summary>How billing suspensions end (API.md "Billing webhook"; configuration <c>Billing:ReactivationDelay</c>).</summary>
public sealed record BillingSettings
{
    /// <summary>The longest reactivation delay allowed: the help centre promises access back within 24–48 h.</summary>
    public static readonly TimeSpan MaxReactivationDelay = TimeSpan.FromHours(48);

    /// <summary>Overdue invoices from which an organization is suspended. Defaults to 2 (API.md).</summary>
    public const int SuspendAtOverdueInvoices = 2;

    /// <summary>How many paid invoice ids are remembered, so a late <c>invoice.overdue</c> for a paid invoice is ignored. Defaults to 200.</summary>
    public const int PaidInvoicesKept = 200;

    /// <summary>
    /// From payment (below two overdue invoices) to access restored. Defaults to 24 hours; at most 48: the app refuses to
    /// start rather than break the 24–48 h promise the help centre makes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "2.00:00:00", ParseLimitsInInvariantCulture = true,
        ErrorMessage = "Billing:ReactivationDelay must be between 0 and 48 hours: customers are promised access back within 24–48 h.")]
    public TimeSpan ReactivationDelay { get; init; } = TimeSpan.FromHours(24);
}
