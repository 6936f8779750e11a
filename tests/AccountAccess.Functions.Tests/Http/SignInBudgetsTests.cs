using AccountAccess.Core.SignIn;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;

namespace AccountAccess.Functions.Tests.Http;

/// <summary>
/// Sign-in's budgets: an untrusted sign-in is refused once its IP has used up its failures, a trusted device's failures do
/// not count against its IP (one person's typos behind an office NAT do not shut out colleagues).
/// </summary>
public sealed class SignInBudgetsTests : IDisposable
{
    private const string Office = "198.51.100.80";

    private readonly SignInRateLimiter perIp = new(new RateLimitOptions { FailedSignInsPerIpPerMinute = 3 });

    public void Dispose() => perIp.Dispose();

    [Fact]
    public void An_ip_past_its_failure_budget_is_refused_for_untrusted_sign_ins()
    {
        var budgets = new SignInBudgets(perIp);
        for (var i = 0; i < 3; i++)
        {
            budgets.RecordFailure(Office, SignInTrust.Untrusted);
        }

        Assert.NotNull(budgets.RefuseUntrusted(Office));
        Assert.Null(budgets.RefuseUntrusted("198.51.100.81"));
    }

    [Fact]
    public void A_trusted_devices_failures_do_not_count_against_its_ip()
    {
        var budgets = new SignInBudgets(perIp);
        for (var i = 0; i < 5; i++)
        {
            budgets.RecordFailure(Office, SignInTrust.TrustedDevice);
        }

        Assert.Null(budgets.RefuseUntrusted(Office));
    }
}
