namespace AccountAccess.Core.Billing;

/// <summary>How billing suspensions end (API.md "Billing webhook").</summary>
public sealed record BillingSettings
{
    /// <summary>The longest reactivation delay allowed: the help centre promises access back within 24–48 h.</summary>
    public static readonly TimeSpan MaxReactivationDelay = TimeSpan.FromHours(48);

    /// <summary>Overdue invoices from which an organization is suspended. Defaults to 2 (API.md).</summary>
    public const int SuspendAtOverdueInvoices = 2;

    /// <summary>How many paid invoice ids are remembered, so a late <c>invoice.overdue</c> for a paid invoice is ignored. Defaults to 200.</summary>
    public const int PaidInvoicesKept = 200;

    /// <summary>From payment (below two overdue invoices) to access restored. Defaults to 24 hours; at most 48.</summary>
    public TimeSpan ReactivationDelay { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Why <paramref name="delay"/> cannot be the reactivation delay, or null when it can.</summary>
    public static string? ProblemWith(TimeSpan delay) =>
        delay < TimeSpan.Zero ? $"Billing:ReactivationDelay is {delay}; it cannot be negative."
        : delay > MaxReactivationDelay ? $"Billing:ReactivationDelay is {delay}; at most {MaxReactivationDelay} (48 hours) is allowed: customers are promised access back within 24–48 h."
        : null;
}
