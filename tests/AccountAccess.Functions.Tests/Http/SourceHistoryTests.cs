using AccountAccess.Functions.Http;
using Microsoft.Extensions.Time.Testing;

namespace AccountAccess.Functions.Tests.Http;

/// <summary>How an IP has fared over the last ten minutes, and the untrusted failures of the last minute, on a fake clock.</summary>
public sealed class SourceHistoryTests
{
    private const string Ip = "198.51.100.7";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly SourceHistory history;

    public SourceHistoryTests() => history = new SourceHistory(time);

    [Fact]
    public void An_ip_never_seen_is_unseen()
    {
        Assert.Equal(SourceStanding.Unseen, history.StandingOf(Ip));
    }

    [Fact]
    public void An_ip_is_unseen_for_its_first_sign_in_only_and_new_from_its_second_on()
    {
        history.RecordArrival(Ip);
        Assert.Equal(SourceStanding.Unseen, history.StandingOf(Ip));

        history.RecordArrival(Ip);
        Assert.Equal(SourceStanding.New, history.StandingOf(Ip));
    }

    [Fact]
    public void An_ip_whose_first_sign_in_was_answered_is_no_longer_unseen()
    {
        history.RecordArrival(Ip);
        history.RecordFailure(Ip, untrusted: true);

        Assert.Equal(SourceStanding.New, history.StandingOf(Ip));
    }

    [Fact]
    public void When_full_an_ip_it_does_not_remember_is_new_not_unseen()
    {
        for (var i = 0; i < SourceHistory.MaxSources; i++)
        {
            history.RecordArrival($"10.{i >> 16}.{(i >> 8) & 255}.{i & 255}");
        }

        history.RecordArrival(Ip);

        Assert.Equal(SourceStanding.New, history.StandingOf(Ip));
    }

    [Fact]
    public void An_ip_that_signed_someone_in_and_failed_less_is_good()
    {
        history.RecordSuccess(Ip);
        history.RecordSuccess(Ip);
        history.RecordFailure(Ip, untrusted: true);

        Assert.Equal(SourceStanding.Good, history.StandingOf(Ip));
    }

    [Fact]
    public void One_typo_is_not_suspicious_two_failures_are()
    {
        history.RecordFailure(Ip, untrusted: true);
        Assert.Equal(SourceStanding.New, history.StandingOf(Ip));

        history.RecordFailure(Ip, untrusted: true);
        Assert.Equal(SourceStanding.Suspect, history.StandingOf(Ip));
    }

    [Fact]
    public void An_ip_is_forgotten_ten_minutes_after_its_last_sign_in()
    {
        history.RecordFailure(Ip, untrusted: true);
        history.RecordFailure(Ip, untrusted: true);

        time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(SourceStanding.Unseen, history.StandingOf(Ip));
    }

    [Fact]
    public void Untrusted_failures_count_service_wide_for_a_minute_and_trusted_ones_never()
    {
        history.RecordFailure("203.0.113.1", untrusted: true);
        history.RecordFailure("203.0.113.2", untrusted: true);
        history.RecordFailure("203.0.113.3", untrusted: false);
        Assert.Equal(2, history.UntrustedFailuresLastMinute());

        time.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(0, history.UntrustedFailuresLastMinute());
    }
}
