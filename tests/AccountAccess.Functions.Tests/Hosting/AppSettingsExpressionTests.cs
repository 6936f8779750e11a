using AccountAccess.Functions.Hosting;
using Microsoft.Extensions.Configuration;

namespace AccountAccess.Functions.Tests.Hosting;

/// <summary>The edges of <c>%Setting%</c> resolution: empty values, several expressions, names written in another case.</summary>
public sealed class AppSettingsExpressionTests
{
    private static AppSettings With(Dictionary<string, string?> values) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    [Fact]
    public void A_setting_set_to_an_empty_value_falls_back_to_its_default()
    {
        var settings = With(new() { ["WelcomeKits:Schedule"] = "" });

        Assert.Equal("0 */15 * * * *", settings.Resolve("%WelcomeKits:Schedule%"));
    }

    [Fact]
    public void A_setting_set_to_an_empty_value_without_a_default_is_refused_by_name()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => With(new() { ["Queues:Name"] = "" }).Resolve("%Queues:Name%"));

        Assert.Contains("Queues:Name", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_expression_in_one_attribute_is_resolved()
    {
        var settings = With(new() { ["Queues:Prefix"] = "acme", ["Queues:Suffix"] = "eu" });

        Assert.Equal("acme-welcome-kits-eu", settings.Resolve("%Queues:Prefix%-welcome-kits-%Queues:Suffix%"));
    }

    [Fact]
    public void A_setting_name_matches_whatever_its_case_as_app_settings_do()
    {
        var settings = With(new() { ["welcomekits:schedule"] = "0 0 * * * *" });

        Assert.Equal("0 0 * * * *", settings.Resolve("%WelcomeKits:Schedule%"));
        Assert.Equal("0 * * * * *", With([]).Resolve("%lockouts:sweepschedule%"));
    }
}
