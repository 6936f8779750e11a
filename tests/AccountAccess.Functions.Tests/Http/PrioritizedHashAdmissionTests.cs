using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;

namespace AccountAccess.Functions.Tests.Http;

/// <summary>
/// Sign-in hashes get the cores one each, first come first served, and an IP that spends its per-IP budget (a sprayer)
/// waits behind everyone else; a request given up while waiting takes no core.
/// </summary>
public sealed class PrioritizedHashAdmissionTests : IDisposable
{
    private const string Sprayer = "203.0.113.66";

    // A budget of 40 a minute: more than 10 requests makes an IP busy.
    private readonly SignInRateLimiter limiter = new(new RateLimitOptions { SignInPerIpPerMinute = 40 });

    public void Dispose() => limiter.Dispose();

    private PrioritizedHashAdmission Admission(int cores) => new(limiter, cores);

    private void Spray(int requests)
    {
        for (var i = 0; i < requests; i++)
        {
            limiter.Refuse(Sprayer);
        }
    }

    [Fact]
    public async Task No_more_hashes_run_at_once_than_there_are_cores()
    {
        var admission = Admission(cores: 2);

        var a = await admission.AdmitAsync("10.0.0.1", CancellationToken.None);
        var b = await admission.AdmitAsync("10.0.0.2", CancellationToken.None);
        var third = admission.AdmitAsync("10.0.0.3", CancellationToken.None).AsTask();

        Assert.False(third.IsCompleted);
        a.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        b.Dispose();
    }

    [Fact]
    public async Task Waiting_hashes_run_in_the_order_they_came()
    {
        var admission = Admission(cores: 1);
        var running = await admission.AdmitAsync("10.0.0.1", CancellationToken.None);
        var order = new List<string>();
        var waiting = new[] { "10.0.0.2", "10.0.0.3", "10.0.0.4" }.Select(async ip =>
        {
            using (await admission.AdmitAsync(ip, CancellationToken.None))
            {
                lock (order)
                {
                    order.Add(ip);
                }
            }
        }).ToList();

        running.Dispose();
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(["10.0.0.2", "10.0.0.3", "10.0.0.4"], order);
    }

    [Fact]
    public async Task A_trusted_devices_hash_goes_before_every_untrusted_one_that_came_earlier()
    {
        var admission = Admission(cores: 1);
        var running = await admission.AdmitAsync("10.0.0.1", CancellationToken.None);

        var untrusted = admission.AdmitAsync("10.0.0.2", CancellationToken.None).AsTask();
        var trusted = admission.AdmitAsync("10.0.0.3", AccountAccess.Core.SignIn.SignInTrust.TrustedDevice, CancellationToken.None).AsTask();
        running.Dispose();

        var next = await trusted.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(untrusted.IsCompleted);
        next.Dispose();
        (await untrusted.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task An_ip_that_signed_people_in_lately_goes_before_new_ones_and_one_that_keeps_failing_goes_last()
    {
        var history = new SourceHistory(TimeProvider.System);
        history.RecordSuccess("10.0.0.3");
        history.RecordFailure("10.0.0.4", untrusted: true);
        history.RecordFailure("10.0.0.4", untrusted: true);
        var admission = new PrioritizedHashAdmission(limiter, cores: 1, history);
        var running = await admission.AdmitAsync("10.0.0.1", CancellationToken.None);
        var order = new List<string>();
        var waiting = new[] { "10.0.0.4", "10.0.0.2", "10.0.0.3" }.Select(async ip =>
        {
            using (await admission.AdmitAsync(ip, CancellationToken.None))
            {
                lock (order)
                {
                    order.Add(ip);
                }
            }
        }).ToList();

        running.Dispose();
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(["10.0.0.3", "10.0.0.2", "10.0.0.4"], order);
    }

    [Fact]
    public async Task The_first_sign_in_from_an_unseen_ip_goes_after_good_ones_and_before_seen_ones()
    {
        var history = new SourceHistory(TimeProvider.System);
        history.RecordSuccess("10.0.0.3");
        history.RecordArrival("10.0.0.2");
        history.RecordArrival("10.0.0.2");
        var admission = new PrioritizedHashAdmission(limiter, cores: 1, history);
        var running = await admission.AdmitAsync("10.0.0.1", CancellationToken.None);
        var order = new List<string>();
        var waiting = new[] { "10.0.0.2", "10.0.0.5", "10.0.0.3" }.Select(async ip =>
        {
            using (await admission.AdmitAsync(ip, CancellationToken.None))
            {
                lock (order)
                {
                    order.Add(ip);
                }
            }
        }).ToList();

        running.Dispose();
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(["10.0.0.3", "10.0.0.5", "10.0.0.2"], order);
    }

    [Fact]
    public async Task An_ip_that_spent_a_quarter_of_its_budget_waits_behind_the_others()
    {
        var admission = Admission(cores: 1);
        Spray(11);
        var running = await admission.AdmitAsync("10.0.0.1", CancellationToken.None);

        var sprayed = admission.AdmitAsync(Sprayer, CancellationToken.None).AsTask();
        var legitimate = admission.AdmitAsync("10.0.0.2", CancellationToken.None).AsTask();
        running.Dispose();

        var next = await legitimate.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(sprayed.IsCompleted);
        next.Dispose();
        (await sprayed.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        Assert.Equal(10, admission.BusyThreshold);
    }

    [Fact]
    public async Task An_ip_within_a_quarter_of_its_budget_keeps_its_place()
    {
        var admission = Admission(cores: 1);
        Spray(10);
        var running = await admission.AdmitAsync("10.0.0.1", CancellationToken.None);

        var early = admission.AdmitAsync(Sprayer, CancellationToken.None).AsTask();
        var later = admission.AdmitAsync("10.0.0.2", CancellationToken.None).AsTask();
        running.Dispose();

        (await early.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        (await later.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task A_request_given_up_while_waiting_takes_no_core()
    {
        var admission = Admission(cores: 1);
        var running = await admission.AdmitAsync("10.0.0.1", CancellationToken.None);
        using var abandon = new CancellationTokenSource();
        var abandoned = admission.AdmitAsync("10.0.0.2", abandon.Token).AsTask();
        var next = admission.AdmitAsync("10.0.0.3", CancellationToken.None).AsTask();

        await abandon.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        running.Dispose();

        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        // Both cores' worth of leases are back: two more run at once without waiting.
        var again = admission.AdmitAsync("10.0.0.4", CancellationToken.None);
        Assert.True(again.IsCompleted);
        (await again).Dispose();
    }

    [Fact]
    public async Task A_lease_disposed_twice_frees_one_core()
    {
        var admission = Admission(cores: 1);
        var lease = await admission.AdmitAsync("10.0.0.1", CancellationToken.None);
        lease.Dispose();
        lease.Dispose();

        var one = await admission.AdmitAsync("10.0.0.2", CancellationToken.None);
        var two = admission.AdmitAsync("10.0.0.3", CancellationToken.None);

        Assert.False(two.IsCompleted);
        one.Dispose();
        (await two).Dispose();
    }
}
