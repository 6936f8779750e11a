using AccountAccess.Functions.Hosting;
using Microsoft.Extensions.Configuration;

namespace AccountAccess.Functions.Tests.Hosting;

/// <summary><c>%Setting%</c> in a trigger attribute, resolved the way the Functions host resolves app settings.</summary>
public sealed class AppSettingsTests
{
    private static AppSettings With(Dictionary<string, string?> values) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    [Fact]
    public void A_binding_expression_takes_the_setting_s_value()
    {
        var settings = With(new() { ["WelcomeKits:Schedule"] = "0 0 6 * * *" });

        Assert.Equal("0 0 6 * * *", settings.Resolve("%WelcomeKits:Schedule%"));
    }

    [Fact]
    public void An_environment_variable_with_double_underscores_sets_it()
    {
        Environment.SetEnvironmentVariable("AppSettingsTests__Schedule", "0 30 * * * *");
        try
        {
            var settings = new AppSettings(new ConfigurationBuilder().AddEnvironmentVariables().Build());

            Assert.Equal("0 30 * * * *", settings.Resolve("%AppSettingsTests:Schedule%"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("AppSettingsTests__Schedule", null);
        }
    }

    [Fact]
    public void A_setting_left_unset_falls_back_to_its_documented_default()
    {
        Assert.Equal("0 */15 * * * *", With([]).Resolve("%WelcomeKits:Schedule%"));
        Assert.Equal("UseDevelopmentStorage=true", With([]).Value("Storage:ConnectionString"));
    }

    [Fact]
    public void Text_without_an_expression_is_kept_as_it_is()
    {
        Assert.Equal("welcome-kits", With([]).Resolve("welcome-kits"));
    }

    [Fact]
    public void A_setting_with_neither_a_value_nor_a_default_is_refused_by_name()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => With([]).Resolve("%Nobody:Knows%"));

        Assert.Contains("Nobody:Knows", refused.Message, StringComparison.Ordinal);
    }
}
