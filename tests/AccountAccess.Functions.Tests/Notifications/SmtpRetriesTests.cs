using System.Net.Sockets;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Functions.Notifications;
using AccountAccess.Functions.Tests.Infrastructure;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Time.Testing;

namespace AccountAccess.Functions.Tests.Notifications;

/// <summary>Which SMTP failures are retried (<see cref="SmtpFailures"/>), and that the retries wait on the injected clock (<see cref="SmtpRetries"/>).</summary>
public sealed class SmtpRetriesTests
{
    public static TheoryData<Exception, bool> Failures => new()
    {
        { Reply((SmtpStatusCode)451), true },
        { Reply(SmtpStatusCode.ServiceNotAvailable), true },
        { Reply(SmtpStatusCode.MailboxBusy), true },
        { Reply(SmtpStatusCode.MailboxUnavailable), false },
        { new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, "550 no such user"), false },
        { new SmtpProtocolException("The SMTP server has unexpectedly disconnected."), true },
        { new IOException("Connection reset by peer"), true },
        { new SocketException((int)SocketError.ConnectionRefused), true },
        { new TimeoutException(), true },
        { new AuthenticationException("535 authentication failed"), false },
        { new SslHandshakeException("untrusted certificate"), false },
        { new InvalidOperationException("a bug"), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Four_hundreds_dropped_connections_and_timeouts_are_transient_five_hundreds_and_configuration_are_not(Exception failure, bool transient) =>
        Assert.Equal(transient, SmtpFailures.IsTransient(failure));

    [Fact]
    public async Task A_transient_failure_is_tried_again_only_once_the_backoff_has_passed_on_the_clock()
    {
        var time = new FakeTimeProvider();
        var pipeline = SmtpRetries.Pipeline(new SmtpOptions { MaxRetries = 3, RetryDelay = TimeSpan.FromSeconds(1) }, time);
        var calls = 0;

        var sending = pipeline.ExecuteAsync(_ => ++calls < 3 ? throw Reply((SmtpStatusCode)451) : ValueTask.CompletedTask).AsTask();
        await Eventually.TrueAsync(() => Task.FromResult(calls == 1));
        Assert.False(sending.IsCompleted);

        await time.AdvanceUntilDoneAsync(sending);

        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task The_last_transient_failure_surfaces_after_the_configured_retries()
    {
        var time = new FakeTimeProvider();
        var pipeline = SmtpRetries.Pipeline(new SmtpOptions { MaxRetries = 2, RetryDelay = TimeSpan.FromSeconds(1) }, time);
        var calls = 0;

        var sending = pipeline.ExecuteAsync(_ => { calls++; throw Reply((SmtpStatusCode)451); }).AsTask();
        await Assert.ThrowsAsync<SmtpCommandException>(() => time.AdvanceUntilDoneAsync(sending));
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task A_permanent_failure_surfaces_at_once_without_waiting()
    {
        var pipeline = SmtpRetries.Pipeline(new SmtpOptions(), new FakeTimeProvider());
        var calls = 0;

        await Assert.ThrowsAsync<SmtpCommandException>(() =>
            pipeline.ExecuteAsync(_ => { calls++; throw Reply(SmtpStatusCode.MailboxUnavailable); }).AsTask());

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task No_retries_configured_means_one_attempt()
    {
        var pipeline = SmtpRetries.Pipeline(new SmtpOptions { MaxRetries = 0 }, new FakeTimeProvider());
        var calls = 0;

        await Assert.ThrowsAsync<SmtpCommandException>(() =>
            pipeline.ExecuteAsync(_ => { calls++; throw Reply((SmtpStatusCode)451); }).AsTask());

        Assert.Equal(1, calls);
    }

    private static SmtpCommandException Reply(SmtpStatusCode status) => new(SmtpErrorCode.MessageNotAccepted, status, $"{(int)status} reply");
}
