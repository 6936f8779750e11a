using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.WelcomeKits;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.WelcomeKits;

public sealed class WelcomeKitRulesTests
{
    private static readonly User Pending = User("usr_new", Member("org_a", Role.Employee, "unit_1")) with { Password = null };

    private static WelcomeKitRequest Request(WelcomeKitTrigger trigger = WelcomeKitTrigger.Batch, string requestId = "req_1", DateTimeOffset? at = null, string? organizationId = null) =>
        new(requestId, Pending.Id, trigger, at ?? Start, RequestContext.System, organizationId);

    public static TheoryData<string, WelcomeKitSkipReason> AccountsThatGetNoKit() => new()
    {
        { "active", WelcomeKitSkipReason.AlreadyActive },
        { "deactivated", WelcomeKitSkipReason.Deactivated },
        { "merged", WelcomeKitSkipReason.Deactivated },
        { "invisible", WelcomeKitSkipReason.Invisible },
        { "departed", WelcomeKitSkipReason.Departed },
        { "no_email", WelcomeKitSkipReason.NoEmail },
        { "access_revoked", WelcomeKitSkipReason.AccessRevoked },
    };

    private static User Arrange(string state) => state switch
    {
        "active" => Pending with { Password = new StoredPassword("hash", Start, Temporary: false) },
        "deactivated" => Pending with { Deactivation = new Deactivation(DeactivationReason.Manual, Start, null, Actor.Operator) },
        "merged" => Pending with { Deactivation = new Deactivation(DeactivationReason.Merged, Start, null, Actor.Operator) },
        "invisible" => Pending with { Visible = false },
        "departed" => Pending with { DepartureDate = DateOnly.FromDateTime(Start.UtcDateTime).AddDays(-1) },
        "no_email" => Pending with { Email = null },
        "access_revoked" => Pending with { Memberships = [Pending.Memberships[0] with { AccessRevokedAt = Start }] },
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    [Fact]
    public void An_account_pending_activation_with_an_email_gets_a_kit()
    {
        Assert.Null(WelcomeKitRules.ReasonNotToSend(Pending, null, Start));
        Assert.Null(WelcomeKitRules.ReasonNotToSend(Pending, "org_a", Start));
        Assert.IsType<WelcomeKitDecision.Send>(WelcomeKitRules.Decide(Pending, Request(), Start));
    }

    [Theory]
    [MemberData(nameof(AccountsThatGetNoKit))]
    public void An_account_that_cannot_use_a_kit_is_skipped_with_its_reason(string state, WelcomeKitSkipReason expected)
    {
        var user = Arrange(state);

        Assert.Equal(expected, WelcomeKitRules.ReasonNotToSend(user, null, Start));
        Assert.Equal(new WelcomeKitDecision.Skip(expected), WelcomeKitRules.Decide(user, Request(), Start));
    }

    [Theory]
    [MemberData(nameof(AccountsThatGetNoKit))]
    public void The_member_index_entry_of_an_account_gives_the_same_reason(string state, WelcomeKitSkipReason expected)
    {
        var member = OrganizationMember.Of(Arrange(state)).Single();

        Assert.Equal(expected, WelcomeKitRules.ReasonNotToSend(member, Start));
    }

    [Fact]
    public void A_departure_date_still_ahead_does_not_stop_the_kit()
    {
        var leavingNextMonth = Pending with { DepartureDate = DateOnly.FromDateTime(Start.UtcDateTime).AddDays(30) };

        Assert.Null(WelcomeKitRules.ReasonNotToSend(leavingNextMonth, null, Start));
        Assert.Null(WelcomeKitRules.ReasonNotToSend(OrganizationMember.Of(leavingNextMonth).Single(), Start));
    }

    [Fact]
    public void A_user_outside_the_batchs_organization_is_not_a_member()
    {
        Assert.Equal(WelcomeKitSkipReason.NotAMember, WelcomeKitRules.ReasonNotToSend(Pending, "org_other", Start));
        Assert.Equal(new WelcomeKitDecision.Skip(WelcomeKitSkipReason.NotAMember), WelcomeKitRules.Decide(Pending, Request(organizationId: "org_other"), Start));
    }

    [Fact]
    public void A_client_revoked_by_one_organization_still_gets_a_kit_for_another()
    {
        var client = Pending with
        {
            Memberships = [Member("org_a", Role.Client) with { AccessRevokedAt = Start }, Member("org_b", Role.Client)],
        };

        Assert.Null(WelcomeKitRules.ReasonNotToSend(client, null, Start));
        Assert.Null(WelcomeKitRules.ReasonNotToSend(client, "org_b", Start));
        Assert.Equal(WelcomeKitSkipReason.AccessRevoked, WelcomeKitRules.ReasonNotToSend(client, "org_a", Start));
    }

    [Fact]
    public void A_redelivered_request_is_already_handled()
    {
        var handled = Pending with { WelcomeKit = new WelcomeKit { SentAt = Start.AddSeconds(1), LastRequestId = "req_1" } };

        Assert.IsType<WelcomeKitDecision.AlreadyHandled>(WelcomeKitRules.Decide(handled, Request(requestId: "req_1"), Start.AddMinutes(1)));
    }

    [Fact]
    public void A_kit_sent_after_the_request_was_made_answers_it()
    {
        var sentByTheSchedule = Pending with { WelcomeKit = new WelcomeKit { SentAt = Start.AddSeconds(5), LastRequestId = "req_schedule" } };

        Assert.IsType<WelcomeKitDecision.AlreadyHandled>(WelcomeKitRules.Decide(sentByTheSchedule, Request(at: Start), Start.AddMinutes(1)));
    }

    [Fact]
    public void A_kit_sent_before_the_request_was_made_does_not_answer_it()
    {
        var sentYesterday = Pending with { WelcomeKit = new WelcomeKit { SentAt = Start.AddDays(-1), LastRequestId = "req_old" } };

        Assert.IsType<WelcomeKitDecision.Send>(WelcomeKitRules.Decide(sentYesterday, Request(at: Start), Start));
    }

    private static User Claimed(ResetLinkPurpose purpose, DateTimeOffset until) =>
        Pending with { LinkEmailClaim = new LinkEmailClaim("link_other", purpose, until) };

    [Fact]
    public void A_live_claim_of_another_sender_makes_the_account_busy_until_it_ends()
    {
        var claimed = Claimed(ResetLinkPurpose.Activation, Start.AddMinutes(5));

        Assert.Equal(new WelcomeKitDecision.Busy(Start.AddMinutes(5)), WelcomeKitRules.Decide(claimed, Request(), Start.AddMinutes(4)));
    }

    [Fact]
    public void A_reset_link_on_its_way_makes_the_account_busy_too_so_no_kit_overtakes_its_email()
    {
        var claimed = Claimed(ResetLinkPurpose.Reset, Start.AddMinutes(5));

        Assert.Equal(new WelcomeKitDecision.Busy(Start.AddMinutes(5)), WelcomeKitRules.Decide(claimed, Request(), Start));
    }

    [Fact]
    public void An_expired_claim_no_longer_holds_the_account()
    {
        var claimedByADeadSender = Claimed(ResetLinkPurpose.Activation, Start.AddMinutes(5));

        Assert.IsType<WelcomeKitDecision.Send>(WelcomeKitRules.Decide(claimedByADeadSender, Request(), Start.AddMinutes(5)));
    }

    [Fact]
    public void Support_sees_a_kit_being_sent_only_while_an_activation_link_is_on_its_way()
    {
        Assert.Equal(WelcomeKitState.BeingSent, WelcomeKitRules.StateOf(Claimed(ResetLinkPurpose.Activation, Start.AddMinutes(5)), Start));
        Assert.Equal(WelcomeKitState.NotSent, WelcomeKitRules.StateOf(Claimed(ResetLinkPurpose.Reset, Start.AddMinutes(5)), Start));
        Assert.Equal(WelcomeKitState.NotSent, WelcomeKitRules.StateOf(Claimed(ResetLinkPurpose.Activation, Start.AddMinutes(5)), Start.AddMinutes(5)));
        Assert.Equal(WelcomeKitState.Sent, WelcomeKitRules.StateOf(Pending with { WelcomeKit = new WelcomeKit { SentAt = Start } }, Start));
    }

    [Fact]
    public void The_schedule_sends_only_to_accounts_that_never_got_a_kit()
    {
        var sentLastWeek = Pending with { WelcomeKit = new WelcomeKit { SentAt = Start.AddDays(-7) } };

        Assert.IsType<WelcomeKitDecision.Send>(WelcomeKitRules.Decide(Pending, Request(WelcomeKitTrigger.Schedule), Start));
        Assert.IsType<WelcomeKitDecision.NotDue>(WelcomeKitRules.Decide(sentLastWeek, Request(WelcomeKitTrigger.Schedule), Start));
    }

    [Theory]
    [InlineData("active")]
    [InlineData("deactivated")]
    [InlineData("merged")]
    [InlineData("invisible")]
    [InlineData("departed")]
    [InlineData("no_email")]
    [InlineData("access_revoked")]
    public void The_schedule_finds_an_account_that_cannot_use_a_kit_not_due(string state)
    {
        Assert.IsType<WelcomeKitDecision.NotDue>(WelcomeKitRules.Decide(Arrange(state), Request(WelcomeKitTrigger.Schedule), Start));
    }

    [Fact]
    public void The_pending_activations_index_holds_exactly_the_accounts_awaiting_a_first_kit()
    {
        Assert.Equal(new PendingActivation("usr_new", null, false), PendingActivation.Of(Pending));
        Assert.Null(PendingActivation.Of(Arrange("active")));
        Assert.Null(PendingActivation.Of(Arrange("no_email")));
        Assert.Null(PendingActivation.Of(Arrange("invisible")));
        Assert.Null(PendingActivation.Of(Arrange("deactivated")));
        Assert.Null(PendingActivation.Of(Pending with { WelcomeKit = new WelcomeKit { SentAt = Start } }));
    }

    [Fact]
    public void A_claim_or_a_failed_sign_in_leaves_the_pending_activation_entry_as_it_was()
    {
        var claimed = Claimed(ResetLinkPurpose.Activation, Start.AddMinutes(5));
        var failedSignIn = Pending with { FailedAttempts = new FailedAttempts(1, Start, "203.0.113.7") };

        Assert.Equal(PendingActivation.Of(Pending), PendingActivation.Of(claimed));
        Assert.Equal(PendingActivation.Of(Pending), PendingActivation.Of(failedSignIn));
    }
}
