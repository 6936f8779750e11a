using AccountAccess.Core.SignIn;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using Microsoft.Extensions.Time.Testing;

namespace AccountAccess.Functions.Tests.Http;

/// <summary>
/// Sign-in's budgets: per IP, service-wide against credential stuffing from many IPs, and the line of untrusted hashes.
/// Untrusted requests only: a
/// trusted device's failures count against nothing here (one person's typos behind an office NAT shut out no colleague).
/// </summary>
public sealed class SignInBudgetsTests : IDisposable
{
    private const string Office = "198.51.100.80";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly RateLimitOptions options = new() { FailedSignInsPerIpPerMinute = 3, UntrustedFailedSignInsPerMinute = 5 };
    private readonly SignInRateLimiter perIp;
    private readonly SourceHistory history;
    private readonly PrioritizedHashAdmission admission;
    private readonly SignInBudgets budgets;

    public SignInBudgetsTests()
    {
        perIp = new SignInRateLimiter(options);
        history = new SourceHistory(time);
        admission = new PrioritizedHashAdmission(perIp, cores: 1, history);
        budgets = new SignInBudgets(perIp, history, admission, options);
    }

    public void Dispose() => perIp.Dispose();

    /// <summary>Six IPs fail once each: over the service-wide budget of five, none past its own.</summary>
    private void Stuff()
    {
        for (var i = 1; i <= 6; i++)
        {
            budgets.RecordFailure($"203.0.113.{i}", SignInTrust.Untrusted);
        }
    }

    [Fact]
    public void An_ip_past_its_failure_budget_is_refused_for_untrusted_sign_ins()
    {
        for (var i = 0; i < 3; i++)
        {
            budgets.RecordFailure(Office, SignInTrust.Untrusted);
        }

        Assert.NotNull(budgets.RefuseUntrusted(Office));
        Assert.Null(budgets.RefuseUntrusted("198.51.100.81"));
    }

    [Fact]
    public void A_trusted_devices_failures_count_against_nothing_here()
    {
        for (var i = 0; i < 10; i++)
        {
            budgets.RecordFailure(Office, SignInTrust.TrustedDevice);
        }

        Assert.Null(budgets.RefuseUntrusted(Office));
        Assert.Equal(0, history.UntrustedFailuresLastMinute());
    }

    [Fact]
    public void Under_the_service_wide_budget_an_ip_that_keeps_failing_still_gets_its_turn()
    {
        budgets.RecordFailure("203.0.113.1", SignInTrust.Untrusted);
        budgets.RecordFailure("203.0.113.1", SignInTrust.Untrusted);

        Assert.Null(budgets.RefuseUntrusted("203.0.113.1"));
    }

    [Fact]
    public void Past_the_service_wide_budget_an_ip_that_failed_more_than_it_succeeded_is_refused_for_ten_seconds()
    {
        Stuff();
        budgets.RecordFailure("203.0.113.1", SignInTrust.Untrusted);

        Assert.Equal(TimeSpan.FromSeconds(10), budgets.RefuseUntrusted("203.0.113.1"));
    }

    [Fact]
    public void Past_the_service_wide_budget_a_new_ip_and_an_ip_that_signed_people_in_still_get_their_turn()
    {
        Stuff();
        budgets.RecordSuccess(Office);

        Assert.Null(budgets.RefuseUntrusted("198.51.100.90"));
        Assert.Null(budgets.RefuseUntrusted(Office));
    }

    [Fact]
    public async Task When_the_line_of_untrusted_hashes_is_full_a_new_ip_is_refused_and_one_that_signed_people_in_is_not()
    {
        budgets.RecordSuccess(Office);
        var running = await admission.AdmitAsync("10.0.0.1", CancellationToken.None);
        var waiting = Enumerable.Range(0, SignInBudgets.MaxWaitingPerCore).Select(i => admission.AdmitAsync($"10.0.1.{i}", CancellationToken.None).AsTask()).ToList();

        Assert.Equal(SignInBudgets.FullLineRetryAfter, budgets.RefuseUntrusted("198.51.100.91"));
        Assert.Null(budgets.RefuseUntrusted(Office));
        running.Dispose();
        foreach (var lease in waiting)
        {
            (await lease.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        }
    }

    [Fact]
    public async Task A_flood_of_seen_addresses_waiting_for_hashes_does_not_refuse_a_person_on_a_network_never_seen()
    {
        var running = await admission.AdmitAsync("10.0.0.1", CancellationToken.None);
        var flood = Enumerable.Range(0, SignInBudgets.MaxWaitingPerCore).Select(i => $"10.0.1.{i}").ToList();
        var waiting = flood.Select(ip =>
        {
            Assert.Null(budgets.RefuseUntrusted(ip));
            Assert.Null(budgets.RefuseUntrusted(ip));
            return admission.AdmitAsync(ip, CancellationToken.None).AsTask();
        }).ToList();

        Assert.Null(budgets.RefuseUntrusted("198.51.100.92"));
        Assert.Equal(SignInBudgets.FullLineRetryAfter, budgets.RefuseUntrusted(flood[0]));
        running.Dispose();
        foreach (var lease in waiting)
        {
            (await lease.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        }
    }

    [Fact]
    public void The_service_wide_budget_counts_the_last_minute_only()
    {
        Stuff();
        budgets.RecordFailure("203.0.113.1", SignInTrust.Untrusted);
        time.Advance(TimeSpan.FromSeconds(70));

        Assert.Null(budgets.RefuseUntrusted("203.0.113.1"));
    }
}
