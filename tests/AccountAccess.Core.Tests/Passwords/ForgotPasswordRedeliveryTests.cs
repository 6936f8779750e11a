using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Passwords;

/// <summary>
/// Forgot-password requests are handled from a queue, which delivers at least once: a request handled again (its
/// process died before the message was taken off the queue) sends no second link, unless its email never went out.
/// </summary>
public class ForgotPasswordRedeliveryTests
{
    private readonly PasswordLifecycle world = new();

    public ForgotPasswordRedeliveryTests()
    {
        world.Organizations.Add(Organization("org_a"));
        world.AddUser(User("usr_jean", Member("org_a", Role.Employee, "unit_1")), "violet-harbour-42");
    }

    private Task HandleAsync(DateTimeOffset requestedAt, string login = "usr_jean") =>
        world.Reset.ForgotAsync(login, new RequestContext(Actor.Anonymous, "203.0.113.7"), requestedAt, CancellationToken.None);

    private int Count(AuditAction action) => world.Users.EventsOf("usr_jean").Count(e => e.Action == action);

    [Fact]
    public async Task A_request_handled_twice_sends_one_email_and_its_link_keeps_working()
    {
        var requestedAt = world.Time.GetUtcNow();
        world.Time.Advance(TimeSpan.FromSeconds(1));

        await HandleAsync(requestedAt);
        var token = world.LastTokenSentTo("usr_jean@example.com");
        world.Time.Advance(TimeSpan.FromSeconds(30));
        await HandleAsync(requestedAt);

        Assert.Single(world.Email.Sent);
        Assert.Equal(1, Count(AuditAction.ResetLinkIssued));
        Assert.Equal(1, Count(AuditAction.ResetLinkSent));
        Assert.Equal(Start + TimeSpan.FromSeconds(1), world.Users["usr_jean"].LastForgotPassword!.EmailedAt);
        Assert.True((await world.Reset.ResetAsync(token, "amber-lighthouse-77", FromIp, CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task A_request_whose_email_never_went_out_is_handled_again_with_a_new_link()
    {
        var requestedAt = world.Time.GetUtcNow();
        world.Time.Advance(TimeSpan.FromSeconds(1));
        // The process stops while sending: the link is on record, its email is not out.
        world.Email.FailWith = new OperationCanceledException("The host is stopping (test).");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => HandleAsync(requestedAt));
        Assert.Null(world.Users["usr_jean"].LastForgotPassword!.EmailedAt);

        world.Email.FailWith = null;
        world.Time.Advance(TimeSpan.FromSeconds(30));
        await HandleAsync(requestedAt);

        Assert.Single(world.Email.Sent);
        Assert.Equal(2, Count(AuditAction.ResetLinkIssued));
        Assert.Equal(1, Count(AuditAction.ResetLinkSuperseded));
        var token = world.LastTokenSentTo("usr_jean@example.com");
        Assert.True((await world.Reset.ResetAsync(token, "amber-lighthouse-77", FromIp, CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task Two_requests_made_before_the_first_is_handled_get_one_email()
    {
        var firstClick = world.Time.GetUtcNow();
        world.Time.Advance(TimeSpan.FromMilliseconds(300));
        var secondClick = world.Time.GetUtcNow();
        world.Time.Advance(TimeSpan.FromSeconds(1));

        await HandleAsync(firstClick);
        await HandleAsync(secondClick);

        Assert.Single(world.Email.Sent);
    }

    [Fact]
    public async Task A_request_made_after_the_last_email_sends_a_new_one()
    {
        await HandleAsync(world.Time.GetUtcNow());
        world.Time.Advance(TimeSpan.FromMinutes(2));

        await HandleAsync(world.Time.GetUtcNow());

        Assert.Equal(2, world.Email.Sent.Count);
        Assert.Equal(2, Count(AuditAction.ResetLinkSent));
    }

    [Fact]
    public async Task A_refusal_handled_again_records_nothing_more()
    {
        world.Users.Add(User("usr_paul", Member("org_a", Role.Employee, "unit_1")) with { Email = null, Phone = "+15145550100" });
        var requestedAt = world.Time.GetUtcNow();
        world.Time.Advance(TimeSpan.FromSeconds(1));

        await HandleAsync(requestedAt, "usr_paul");
        await HandleAsync(requestedAt, "usr_paul");

        Assert.Empty(world.Email.Sent);
        Assert.Single(world.Users.EventsOf("usr_paul"), e => e.Action == AuditAction.ForgotPasswordRefused);
    }

    [Fact]
    public async Task An_undeliverable_email_is_on_record_and_not_marked_sent()
    {
        world.Email.FailNext();

        await HandleAsync(world.Time.GetUtcNow());

        Assert.Equal(1, Count(AuditAction.ResetLinkNotSent));
        Assert.Equal(0, Count(AuditAction.ResetLinkSent));
        Assert.Null(world.Users["usr_jean"].LastForgotPassword!.EmailedAt);
    }
}
