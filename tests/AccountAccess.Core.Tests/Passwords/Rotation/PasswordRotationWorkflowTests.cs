using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Passwords.Rotation;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Core.Workflows;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Passwords.Rotation;

public class PasswordRotationWorkflowTests
{
    private const string Password = "violet-harbour-42";

    private static readonly DateTimeOffset ExpiresAt = Start + TimeSpan.FromDays(90);

    private readonly PasswordLifecycle world = new();

    public PasswordRotationWorkflowTests()
    {
        world.Organizations.Add(Organization("org_a"));
    }

    private async Task<User> StartAsync(User user)
    {
        var stored = world.AddUser(user, Password);
        await PasswordChange.RestartRotationAsync(world.Runtime, stored, CancellationToken.None);
        return stored;
    }

    private Task<User> StartAsync(string id = "usr_jean", Locale locale = Locale.En, string organizationId = "org_a") =>
        StartAsync(User(id, Member(organizationId, Role.Employee, "unit_1")) with { Locale = locale });

    private IEnumerable<AuditEvent> EventsOf(string userId, AuditAction action) => world.Users.EventsOf(userId).Where(e => e.Action == action);

    [Fact]
    public async Task Rotation_waits_for_the_reminder_at_max_age_minus_the_lead()
    {
        await StartAsync();

        var instance = world.RotationInstance("usr_jean")!;
        Assert.Equal(WorkflowStatus.Running, instance.Status);
        Assert.Equal("remind", instance.Step);
        Assert.Equal(ExpiresAt - TimeSpan.FromDays(7), instance.DueAt);
    }

    [Fact]
    public async Task No_reminder_goes_out_before_its_time()
    {
        await StartAsync();

        await world.AdvanceAsync(TimeSpan.FromDays(83) - TimeSpan.FromMinutes(1));

        Assert.Empty(world.Email.Sent);
        Assert.Equal("remind", world.RotationInstance("usr_jean")!.Step);
    }

    [Fact]
    public async Task The_reminder_email_gives_the_expiry_date_in_english()
    {
        await StartAsync();

        await world.AdvanceAsync(TimeSpan.FromDays(83));

        var email = Assert.Single(world.Email.Sent);
        Assert.Equal("usr_jean@example.com", email.To);
        Assert.Equal("Your password expires soon", email.Subject);
        Assert.Contains("Your password expires on June 8, 2026 at 12:00 (UTC)", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost:7071", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reminder_email_gives_the_expiry_date_in_french()
    {
        await StartAsync("usr_marie", Locale.Fr);

        await world.AdvanceAsync(TimeSpan.FromDays(83));

        var email = Assert.Single(world.Email.Sent);
        Assert.Equal("Votre mot de passe expire bientôt", email.Subject);
        Assert.Contains("Votre mot de passe expire le 8 juin 2026 à 12:00 (UTC)", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reminder_is_recorded_and_the_instance_then_waits_for_the_expiry()
    {
        await StartAsync();

        await world.AdvanceAsync(TimeSpan.FromDays(83));

        var reminded = Assert.Single(EventsOf("usr_jean", AuditAction.PasswordExpiryReminderSent));
        Assert.Equal("sent", reminded.Reason);
        Assert.Equal(ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture), reminded.Details!["expiresAt"]);
        var instance = world.RotationInstance("usr_jean")!;
        Assert.Equal("expire", instance.Step);
        Assert.Equal(ExpiresAt, instance.DueAt);
        Assert.Null(world.Users["usr_jean"].Password!.ExpiredAt);
    }

    [Fact]
    public async Task Without_an_email_the_reminder_is_recorded_as_not_sent()
    {
        await StartAsync(User("usr_paul", Member("org_a", Role.Employee, "unit_1")) with { Email = null, Phone = "+15145550100" });

        await world.AdvanceAsync(TimeSpan.FromDays(83));

        Assert.Empty(world.Email.Sent);
        Assert.Equal("no_email", Assert.Single(EventsOf("usr_paul", AuditAction.PasswordExpiryReminderSent)).Reason);
    }

    [Fact]
    public async Task At_max_age_the_password_is_marked_expired_and_the_instance_completes()
    {
        await StartAsync();
        await world.AdvanceAsync(TimeSpan.FromDays(83));

        await world.AdvanceAsync(TimeSpan.FromDays(7));

        Assert.Equal(ExpiresAt, world.Users["usr_jean"].Password!.ExpiredAt);
        var expired = Assert.Single(EventsOf("usr_jean", AuditAction.PasswordExpired));
        Assert.Equal("max_age_reached", expired.Reason);
        Assert.Equal(Actor.System, expired.Actor);
        var instance = world.RotationInstance("usr_jean")!;
        Assert.Equal(WorkflowStatus.Completed, instance.Status);
        Assert.Equal("expired", instance.Outcome);
        Assert.Single(world.Email.Sent);
    }

    [Fact]
    public async Task Once_expired_sign_in_requires_a_change_with_reason_expired()
    {
        await StartAsync();
        await world.AdvanceAsync(TimeSpan.FromDays(90));

        var result = await world.SignIn.SignInAsync(new SignInRequest("usr_jean", Password, new SignInAttempt(Portal.Employee, null)), FromIp, CancellationToken.None);

        Assert.Equal(PasswordChangeReason.Expired, result.Value.ChangeRequired);
        Assert.Null(result.Value.Token);
        Assert.NotNull(result.Value.ChangeToken);
    }

    [Fact]
    public async Task A_password_marked_expired_stays_expired_even_if_rotation_was_turned_off_since()
    {
        await StartAsync();
        await world.AdvanceAsync(TimeSpan.FromDays(90));
        var rotationOff = Organization("org_a", OrganizationPolicy.Default with { PasswordMaxAgeDays = 0 });

        var decision = SignInRules.Decide(world.Users["usr_jean"], [rotationOff], new SignInAttempt(Portal.Employee, null), world.Time.GetUtcNow());

        Assert.Equal(PasswordChangeReason.Expired, decision.PasswordChange);
    }

    [Fact]
    public async Task A_max_age_of_zero_completes_at_once_with_rotation_off()
    {
        world.Organizations.Add(Organization("org_free", OrganizationPolicy.Default with { PasswordMaxAgeDays = 0 }));

        await StartAsync(organizationId: "org_free");

        var instance = world.RotationInstance("usr_jean")!;
        Assert.Equal(WorkflowStatus.Completed, instance.Status);
        Assert.Equal("rotation_off", instance.Outcome);
        Assert.Empty(world.Timers.Sent);
    }

    [Fact]
    public async Task The_shortest_max_age_of_the_users_organizations_applies()
    {
        world.Organizations.Add(Organization("org_strict", OrganizationPolicy.Default with { PasswordMaxAgeDays = 30, PasswordExpiryReminderDays = 3 }));

        await StartAsync(User("usr_jean", Member("org_a", Role.Employee, "unit_1"), Member("org_strict", Role.Employee, "unit_2")));

        Assert.Equal(Start + TimeSpan.FromDays(30 - 7), world.RotationInstance("usr_jean")!.DueAt);
    }

    [Fact]
    public async Task Without_a_lead_the_instance_waits_straight_for_the_expiry()
    {
        world.Organizations.Add(Organization("org_quiet", OrganizationPolicy.Default with { PasswordExpiryReminderDays = 0 }));

        await StartAsync(organizationId: "org_quiet");
        await world.AdvanceAsync(TimeSpan.FromDays(90));

        Assert.Empty(world.Email.Sent);
        Assert.Single(EventsOf("usr_jean", AuditAction.PasswordExpired));
    }

    [Fact]
    public async Task The_overrides_shrink_the_max_age_and_the_lead()
    {
        var shrunk = new PasswordLifecycle(new PasswordSettings { MaxAgeOverride = TimeSpan.FromSeconds(6), ReminderLeadOverride = TimeSpan.FromSeconds(3) });
        shrunk.Organizations.Add(Organization("org_a"));
        var user = shrunk.AddUser(User("usr_jean", Member("org_a", Role.Employee, "unit_1")), Password);
        await PasswordChange.RestartRotationAsync(shrunk.Runtime, user, CancellationToken.None);

        await shrunk.AdvanceAsync(TimeSpan.FromSeconds(3));
        Assert.Single(shrunk.Email.Sent);
        await shrunk.AdvanceAsync(TimeSpan.FromSeconds(3));

        Assert.Equal(Start + TimeSpan.FromSeconds(6), shrunk.Users["usr_jean"].Password!.ExpiredAt);
    }

    [Fact]
    public async Task A_user_without_a_password_has_nothing_to_rotate()
    {
        world.AddUser(User("usr_new", Member("org_a", Role.Employee, "unit_1")), password: null);

        await world.Runtime.StartAsync(PasswordRotationWorkflow.WorkflowName, "usr_new", """{"changedAt":"2026-03-10T12:00:00+00:00"}""", CancellationToken.None);

        Assert.Equal("no_password", world.RotationInstance("usr_new")!.Outcome);
    }

    [Fact]
    public async Task A_due_step_for_a_password_changed_meanwhile_does_nothing()
    {
        await StartAsync();
        var instance = world.RotationInstance("usr_jean")!;
        var timer = new DurableTimer(PasswordRotationWorkflow.WorkflowName, "usr_jean", instance.StepId, instance.DueAt!.Value);
        // The password changed without the workflow being restarted (e.g. a crash before the restart).
        world.Users.Add(world.Users["usr_jean"] with { Password = new StoredPassword(PasswordLifecycle.Hashing.Hash("amber-lighthouse-77"), Start + TimeSpan.FromDays(1), false) });
        world.Time.Advance(TimeSpan.FromDays(83));

        Assert.Equal(TimerOutcome.Ran, await world.Runtime.HandleTimerAsync(timer, 1, CancellationToken.None));

        Assert.Equal("password_changed", world.RotationInstance("usr_jean")!.Outcome);
        Assert.Empty(world.Email.Sent);
    }

    [Fact]
    public async Task Waits_longer_than_a_queue_message_can_last_are_sent_again_and_remind_once()
    {
        var limited = new PasswordLifecycle(maxDelay: TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        limited.Organizations.Add(Organization("org_a"));
        var user = limited.AddUser(User("usr_jean", Member("org_a", Role.Employee, "unit_1")), Password);
        await PasswordChange.RestartRotationAsync(limited.Runtime, user, CancellationToken.None);

        var outcomes = new List<TimerOutcome>();
        for (var day = 0; day < 90; day++)
        {
            outcomes.AddRange(await limited.AdvanceAsync(TimeSpan.FromDays(1)));
        }

        Assert.Equal(2, outcomes.Count(o => o == TimerOutcome.Ran));
        Assert.True(outcomes.Count(o => o == TimerOutcome.Rescheduled) >= 11);
        Assert.Single(limited.Email.Sent);
        Assert.Equal(ExpiresAt, limited.Users["usr_jean"].Password!.ExpiredAt);
    }

    [Fact]
    public async Task Rotation_takes_no_events()
    {
        await StartAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            world.Runtime.RaiseEventAsync(PasswordRotationWorkflow.WorkflowName, "usr_jean", "used", CancellationToken.None));
    }
}
