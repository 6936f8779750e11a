using AccountAccess.Functions.Hosting;

namespace AccountAccess.Functions.Tests.Http;

/// <summary>The sign-in budgets' documented defaults (their range is checked at start-up: AccountAccessOptionsTests).</summary>
public sealed class RateLimitOptionsTests
{
    [Fact]
    public void The_defaults_are_120_requests_and_30_failures_per_ip_and_120_untrusted_failures_per_instance_a_minute()
    {
        var options = new RateLimitOptions();

        Assert.Equal(120, options.SignInPerIpPerMinute);
        Assert.Equal(30, options.FailedSignInsPerIpPerMinute);
        Assert.Equal(120, options.UntrustedFailedSignInsPerMinute);
    }
}
