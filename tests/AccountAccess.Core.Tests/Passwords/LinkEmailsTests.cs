using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Passwords;

/// <summary>
/// The rule of <see cref="LinkEmails"/>, through forgot-password on a fake clock: the link in the last email an account
/// received is the one that works, whatever is handled side by side, handled twice, or cut short by a dying process.
/// Emails are "received" in the order the recording sender took them; a held send is one on its way.
/// </summary>
public sealed class LinkEmailsTests
{
    private const string Address = "usr_jean@example.com";

    private readonly PasswordLifecycle world = new();

    public LinkEmailsTests()
    {
        world.Organizations.Add(Organization("org_a"));
        world.AddUser(User("usr_jean", Member("org_a", Role.Employee, "unit_1")), "violet-harbour-42");
    }

    private TimeSpan ClaimTimeout => world.Settings.LinkEmailClaimTimeout;

    private ForgotPasswordRequest Click() => new("usr_jean", "203.0.113.7", world.Time.GetUtcNow());

    private Task<ForgotPasswordResult> HandleAsync(ForgotPasswordRequest request) => world.Reset.HandleAsync(request, CancellationToken.None);

    /// <summary>Hands every request the queue has made visible by now to the queue function, as the runner would.</summary>
    private async Task<IReadOnlyList<ForgotPasswordResult>> HandleVisibleAsync()
    {
        var results = new List<ForgotPasswordResult>();
        foreach (var request in world.ForgotRequests.TakeVisible())
        {
            results.Add(await HandleAsync(request));
        }

        return results;
    }

    private Task<Result<ResetLinkCheck>> CheckAsync(Core.Notifications.EmailMessage email) =>
        world.Reset.CheckAsync(PasswordLifecycle.TokenIn(email), CancellationToken.None);

    private int Count(AuditAction action) => world.Users.EventsOf("usr_jean").Count(e => e.Action == action);

    private async Task LastEmailShouldHoldTheWorkingLinkAsync()
    {
        var last = world.Email.Sent.Last(m => m.To == Address);
        Assert.True((await CheckAsync(last)).Succeeded, "The link of the last email received does not work.");
    }

    [Fact]
    public async Task A_second_click_handled_while_the_first_email_is_on_its_way_issues_no_link_and_comes_back_a_few_seconds_later()
    {
        var held = world.Email.HoldNext();
        var first = HandleAsync(Click());
        await held.Reached;

        var second = await HandleAsync(Click());

        Assert.Equal(new ForgotPasswordResult.Busy(Start + ClaimTimeout), second);
        Assert.Single(world.Users["usr_jean"].ResetLinks);
        Assert.True(world.Users["usr_jean"].ResetLinks[0].IsPendingAt(world.Time.GetUtcNow()));
        Assert.Equal(Start + LinkEmails.BusyRetryDelay, world.ForgotRequests.Waiting.Single().VisibleAt);
        held.Release();
        Assert.IsType<ForgotPasswordResult.Sent>(await first);
    }

    [Fact]
    public async Task A_double_click_handled_side_by_side_gets_one_email_whose_link_works()
    {
        var held = world.Email.HoldNext();
        var first = HandleAsync(Click());
        await held.Reached;
        await HandleAsync(Click());
        world.Time.Advance(TimeSpan.FromMilliseconds(200));
        held.Release();
        await first;

        world.Time.Advance(ClaimTimeout + TimeSpan.FromSeconds(1));
        var cameBack = await HandleVisibleAsync();

        Assert.Equal([new ForgotPasswordResult.Answered()], cameBack);
        Assert.Single(world.Email.Sent);
        Assert.Equal(1, Count(AuditAction.ResetLinkIssued));
        await LastEmailShouldHoldTheWorkingLinkAsync();
    }

    [Fact]
    public async Task A_click_made_after_the_last_email_went_out_gets_a_newer_link_whose_email_comes_last()
    {
        await HandleAsync(Click());
        world.Time.Advance(TimeSpan.FromMinutes(1));

        await HandleAsync(Click());

        Assert.Equal(2, world.Email.Sent.Count);
        Assert.Equal(ResetLinkProblem.Superseded, (await CheckAsync(world.Email.Sent[0])).Failure!.Details["reason"]);
        await LastEmailShouldHoldTheWorkingLinkAsync();
    }

    [Fact]
    public async Task A_process_that_dies_between_issuing_and_sending_holds_the_account_until_its_claim_ends_then_the_redelivery_sends_the_working_link()
    {
        var click = Click();
        var dead = world.Email.DieDuringNext(afterDelivering: false);
        _ = HandleAsync(click);
        await dead.Reached;
        world.Time.Advance(TimeSpan.FromMinutes(2));

        var tooEarly = await HandleAsync(click);
        world.Time.Advance(ClaimTimeout);
        var redelivered = await HandleVisibleAsync();

        Assert.IsType<ForgotPasswordResult.Busy>(tooEarly);
        Assert.IsType<ForgotPasswordResult.Sent>(Assert.Single(redelivered));
        Assert.Single(world.Email.Sent);
        Assert.Equal(2, Count(AuditAction.ResetLinkIssued));
        await LastEmailShouldHoldTheWorkingLinkAsync();
    }

    [Fact]
    public async Task A_process_that_dies_between_sending_and_recording_is_followed_by_a_newer_email_whose_link_works()
    {
        var click = Click();
        var dead = world.Email.DieDuringNext(afterDelivering: true);
        _ = HandleAsync(click);
        await dead.Reached;
        world.Time.Advance(ClaimTimeout);

        var redelivered = await HandleAsync(click);

        Assert.IsType<ForgotPasswordResult.Sent>(redelivered);
        Assert.Equal(2, world.Email.Sent.Count);
        Assert.Equal(ResetLinkProblem.Superseded, (await CheckAsync(world.Email.Sent[0])).Failure!.Details["reason"]);
        await LastEmailShouldHoldTheWorkingLinkAsync();
    }

    [Fact]
    public async Task A_send_still_running_near_the_end_of_its_claim_is_cancelled_so_no_newer_link_can_be_overtaken_by_it()
    {
        var held = world.Email.HoldNext();
        var slow = HandleAsync(Click());
        await held.Reached;

        world.Time.Advance(ClaimTimeout * 0.9);

        Assert.IsType<ForgotPasswordResult.NotDelivered>(await slow);
        Assert.Empty(world.Email.Sent);
        Assert.Null(world.Users["usr_jean"].LinkEmailClaim);
        Assert.Equal("timed_out", world.Users.EventsOf("usr_jean").Single(e => e.Action == AuditAction.ResetLinkNotSent).Reason);
    }

    [Fact]
    public async Task A_click_after_an_undelivered_email_is_not_kept_waiting_and_sends_a_working_link()
    {
        world.Email.FailNext();
        await HandleAsync(Click());
        world.Time.Advance(TimeSpan.FromSeconds(10));

        var again = await HandleAsync(Click());

        Assert.IsType<ForgotPasswordResult.Sent>(again);
        await LastEmailShouldHoldTheWorkingLinkAsync();
    }

    [Fact]
    public async Task A_send_interrupted_by_the_host_stopping_frees_the_account_at_once_for_the_redelivery()
    {
        var click = Click();
        world.Email.FailWith = new OperationCanceledException("The host is stopping (test).");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => HandleAsync(click));
        world.Email.FailWith = null;

        var redelivered = await HandleAsync(click);

        Assert.Equal("interrupted", world.Users.EventsOf("usr_jean").Single(e => e.Action == AuditAction.ResetLinkNotSent).Reason);
        Assert.IsType<ForgotPasswordResult.Sent>(redelivered);
        await LastEmailShouldHoldTheWorkingLinkAsync();
    }

    [Fact]
    public async Task Three_clicks_handled_side_by_side_and_each_redelivered_send_one_email_whose_link_works()
    {
        var clicks = new[] { Click(), Click(), Click() };
        var held = world.Email.HoldNext();
        var first = HandleAsync(clicks[0]);
        await held.Reached;
        await HandleAsync(clicks[1]);
        await HandleAsync(clicks[2]);
        world.Time.Advance(TimeSpan.FromMilliseconds(200));
        held.Release();
        await first;

        world.Time.Advance(ClaimTimeout + TimeSpan.FromSeconds(1));
        await HandleVisibleAsync();
        foreach (var click in clicks)
        {
            Assert.IsType<ForgotPasswordResult.Answered>(await HandleAsync(click));
        }

        Assert.Single(world.Email.Sent);
        Assert.Empty(world.ForgotRequests.Waiting);
        await LastEmailShouldHoldTheWorkingLinkAsync();
    }

    [Fact]
    public async Task A_click_made_after_the_email_went_out_but_before_it_was_recorded_gets_its_own_email()
    {
        var held = world.Email.HoldNext();
        var first = HandleAsync(Click());
        await held.Reached;
        world.Time.Advance(TimeSpan.FromSeconds(1));
        // The step that records the email is slow: it reads the account two seconds after the email went out.
        world.Users.BeforeNextRead(() => world.Time.Advance(TimeSpan.FromSeconds(2)));
        held.Release();
        await first;

        var second = await HandleAsync(new ForgotPasswordRequest("usr_jean", "203.0.113.7", Start + TimeSpan.FromSeconds(2)));

        Assert.IsType<ForgotPasswordResult.Sent>(second);
        Assert.Equal(2, world.Email.Sent.Count);
        await LastEmailShouldHoldTheWorkingLinkAsync();
    }

    [Theory]
    [InlineData(300, 5)]
    [InlineData(3, 4)]
    [InlineData(0, 1)]
    [InlineData(-60, 1)]
    public void A_request_that_found_a_claim_comes_back_when_it_ends_and_within_five_seconds_at_most(int claimEndsInSeconds, int comesBackInSeconds)
    {
        var delay = LinkEmails.RetryDelay(Start + TimeSpan.FromSeconds(claimEndsInSeconds), Start);

        Assert.Equal(TimeSpan.FromSeconds(comesBackInSeconds), delay);
    }
}
