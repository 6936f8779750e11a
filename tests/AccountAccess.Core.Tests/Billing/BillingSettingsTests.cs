using AccountAccess.Core.Billing;

namespace AccountAccess.Core.Tests.Billing;

public class BillingSettingsTests
{
    [Fact]
    public void The_reactivation_delay_defaults_to_24_hours()
    {
        Assert.Equal(TimeSpan.FromHours(24), new BillingSettings().ReactivationDelay);
    }

    [Fact]
    public void Two_overdue_invoices_suspend_and_the_delay_is_at_most_48_hours()
    {
        Assert.Equal(2, BillingSettings.SuspendAtOverdueInvoices);
        Assert.Equal(TimeSpan.FromHours(48), BillingSettings.MaxReactivationDelay);
    }

    [Fact]
    public void The_default_delay_is_allowed()
    {
        Assert.Empty(Annotations.ProblemsOf(new BillingSettings()));
    }

    [Theory]
    [InlineData("1.00:00:00")]
    [InlineData("2.00:00:00")]
    public void A_delay_of_24_to_48_hours_is_allowed(string delay)
    {
        Assert.Empty(Annotations.ProblemsOf(new BillingSettings { ReactivationDelay = TimeSpan.Parse(delay, System.Globalization.CultureInfo.InvariantCulture) }));
    }

    [Fact]
    public void A_delay_one_second_over_48_hours_is_refused_naming_the_setting()
    {
        var problem = Assert.Single(Annotations.ProblemsOf(new BillingSettings { ReactivationDelay = TimeSpan.FromHours(48) + TimeSpan.FromSeconds(1) }));

        Assert.Contains("Billing:ReactivationDelay", problem, StringComparison.Ordinal);
        Assert.Contains("48 hours", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_delay_is_refused_naming_the_setting()
    {
        var problem = Assert.Single(Annotations.ProblemsOf(new BillingSettings { ReactivationDelay = TimeSpan.FromSeconds(-1) }));

        Assert.Contains("Billing:ReactivationDelay", problem, StringComparison.Ordinal);
    }
}
