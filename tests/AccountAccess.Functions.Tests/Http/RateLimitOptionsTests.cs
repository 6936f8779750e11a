using AccountAccess.Functions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;

namespace AccountAccess.Functions.Tests.Http;

/// <summary>The failed-sign-in budget defaults to 30 per IP per minute and refuses to start outside 1–10,000.</summary>
public sealed class RateLimitOptionsTests
{
    [Fact]
    public void The_defaults_are_120_requests_and_30_failures_per_ip_per_minute()
    {
        var options = new RateLimitOptions();

        Assert.Equal(120, options.SignInPerIpPerMinute);
        Assert.Equal(30, options.FailedSignInsPerIpPerMinute);
        Assert.Null(RateLimitOptions.ProblemWithFailedSignInLimit(30));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10001")]
    public void A_budget_out_of_range_stops_the_app_naming_the_setting(string failures)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["RateLimits:FailedSignInsPerIpPerMinute"] = failures })
            .Build();

        var refused = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddAccountAccess(configuration, Mock.Of<IHostEnvironment>(e => e.EnvironmentName == "Development")));

        Assert.Contains("RateLimits:FailedSignInsPerIpPerMinute", refused.Message, StringComparison.Ordinal);
    }
}
