using AccountAccess.Functions.Hosting;

namespace AccountAccess.Functions.Tests.Http;

/// <summary>The per-IP budgets' documented defaults (their range is checked at start-up: AccountAccessOptionsTests).</summary>
public sealed class RateLimitOptionsTests
{
    [Fact]
    public void The_defaults_are_120_requests_and_30_failures_per_ip_per_minute()
    {
        var options = new RateLimitOptions();

        Assert.Equal(120, options.SignInPerIpPerMinute);
        Assert.Equal(30, options.FailedSignInsPerIpPerMinute);
    }
}
