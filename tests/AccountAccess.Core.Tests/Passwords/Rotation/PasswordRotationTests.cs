using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Passwords.Rotation;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.TwoFactor;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Passwords.Rotation;

/// <summary>
/// Rotation's steps (Core's <see cref="PasswordRotation"/>, the orchestration's activities) over fake time, with the
/// orchestration's loop played in memory: the reminder, the expiry, and what each step does when the password, the
/// policy or the second factor changed since it was planned.
/// </summary>
public class PasswordRotationTests
{
    private const string Password = "violet-harbour-42";

    private static readonly DateTimeOffset ExpiresAt = Start + TimeSpan.FromDays(90);

    private readonly PasswordLifecycle world = new();

    public PasswordRotationTests()
    {
        world.Organizations.Add(Organization("org_a"));
    }

    private async Task<User> StartAsync(User user)
    {
        var stored = world.AddUser(user, Password);
        await world.Rotations.TrackAsync(stored.Id, stored.Password!.ChangedAt, CancellationToken.None);
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
        Assert.True(instance.Running);
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
        Assert.False(instance.Running);
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
        Assert.False(instance.Running);
        Assert.Equal("rotation_off", instance.Outcome);
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
        await shrunk.Rotations.TrackAsync(user.Id, user.Password!.ChangedAt, CancellationToken.None);

        await shrunk.AdvanceAsync(TimeSpan.FromSeconds(3));
        Assert.Single(shrunk.Email.Sent);
        await shrunk.AdvanceAsync(TimeSpan.FromSeconds(3));

        Assert.Equal(Start + TimeSpan.FromSeconds(6), shrunk.Users["usr_jean"].Password!.ExpiredAt);
    }

    [Fact]
    public async Task A_user_without_a_password_has_nothing_to_rotate()
    {
        world.AddUser(User("usr_new", Member("org_a", Role.Employee, "unit_1")), password: null);

        var step = await world.Rotation.PlanAsync("usr_new", CancellationToken.None);

        Assert.Equal(new PasswordRotationStep("no_password", null), step);
    }

    [Fact]
    public async Task A_user_gone_has_nothing_to_rotate()
    {
        var step = await world.Rotation.PlanAsync("usr_nobody", CancellationToken.None);

        Assert.Equal(new PasswordRotationStep("user_gone", null), step);
    }

    [Fact]
    public async Task A_reminder_due_for_a_password_changed_without_a_restart_sends_nothing_and_follows_the_new_password()
    {
        await StartAsync();
        // The password changed without rotation being told (e.g. a process that died before the restart).
        var changedAt = Start + TimeSpan.FromDays(1);
        world.Users.Add(world.Users["usr_jean"] with { Password = new StoredPassword(PasswordLifecycle.Hashing.Hash("amber-lighthouse-77"), changedAt, false) });

        await world.AdvanceAsync(TimeSpan.FromDays(83));

        Assert.Empty(world.Email.Sent);
        var instance = world.RotationInstance("usr_jean")!;
        Assert.Equal(changedAt, instance.ChangedAt);
        Assert.Equal("remind", instance.Step);
        Assert.Equal(changedAt + TimeSpan.FromDays(83), instance.DueAt);
    }

    [Fact]
    public async Task An_expiry_due_for_a_password_changed_meanwhile_marks_nothing()
    {
        await StartAsync();
        var plan = world.RotationInstance("usr_jean")!.Plan!.Reminded();
        world.Users.Add(world.Users["usr_jean"] with { Password = new StoredPassword(PasswordLifecycle.Hashing.Hash("amber-lighthouse-77"), Start + TimeSpan.FromDays(1), false) });
        world.Time.Advance(TimeSpan.FromDays(90));

        var step = await world.Rotation.ExpireAsync(plan, CancellationToken.None);

        Assert.Equal("password_changed", step.Outcome);
        Assert.Equal(Start + TimeSpan.FromDays(1), step.Next!.ChangedAt);
        Assert.Null(world.Users["usr_jean"].Password!.ExpiredAt);
        Assert.Empty(EventsOf("usr_jean", AuditAction.PasswordExpired));
    }

    [Fact]
    public async Task A_reminder_run_twice_emails_and_records_once()
    {
        await StartAsync();
        var plan = world.RotationInstance("usr_jean")!.Plan!;
        world.Time.Advance(TimeSpan.FromDays(83));

        var first = await world.Rotation.RemindAsync(plan, CancellationToken.None);
        var second = await world.Rotation.RemindAsync(plan, CancellationToken.None);

        Assert.Equal("sent", first.Outcome);
        Assert.Equal("already_reminded", second.Outcome);
        Assert.Equal(plan.Reminded(), second.Next);
        Assert.Single(world.Email.Sent);
        Assert.Single(EventsOf("usr_jean", AuditAction.PasswordExpiryReminderSent));
        Assert.Equal(Start + TimeSpan.FromDays(83), world.Users["usr_jean"].Password!.ReminderSentAt);
    }

    [Fact]
    public async Task An_expiry_run_twice_is_recorded_once()
    {
        await StartAsync();
        var plan = world.RotationInstance("usr_jean")!.Plan!.Reminded();
        world.Time.Advance(TimeSpan.FromDays(90));

        await world.Rotation.ExpireAsync(plan, CancellationToken.None);
        world.Time.Advance(TimeSpan.FromMinutes(1));
        var again = await world.Rotation.ExpireAsync(plan, CancellationToken.None);

        Assert.Equal(new PasswordRotationStep("expired", null), again);
        Assert.Single(EventsOf("usr_jean", AuditAction.PasswordExpired));
        Assert.Equal(ExpiresAt, world.Users["usr_jean"].Password!.ExpiredAt);
    }

    [Fact]
    public async Task An_expiry_that_fires_a_moment_early_waits_again_for_the_same_time()
    {
        await StartAsync();
        var plan = world.RotationInstance("usr_jean")!.Plan!.Reminded();
        world.Time.Advance(TimeSpan.FromDays(90) - TimeSpan.FromSeconds(2));

        var step = await world.Rotation.ExpireAsync(plan, CancellationToken.None);

        Assert.Equal("not_yet", step.Outcome);
        Assert.Equal(ExpiresAt, step.Next!.ExpiresAt);
        Assert.Null(world.Users["usr_jean"].Password!.ExpiredAt);
    }

    [Fact]
    public async Task Rotation_turned_off_mid_cycle_sends_no_reminder_and_ends()
    {
        await StartAsync();
        world.Organizations.Add(Organization("org_a", OrganizationPolicy.Default with { PasswordMaxAgeDays = 0 }));

        await world.AdvanceAsync(TimeSpan.FromDays(90));

        Assert.Empty(world.Email.Sent);
        Assert.Equal("rotation_off", world.RotationInstance("usr_jean")!.Outcome);
        Assert.Null(world.Users["usr_jean"].Password!.ExpiredAt);
    }

    [Fact]
    public async Task A_longer_max_age_set_mid_cycle_moves_the_reminder_and_the_expiry()
    {
        await StartAsync();
        world.Organizations.Add(Organization("org_a", OrganizationPolicy.Default with { PasswordMaxAgeDays = 120 }));

        await world.AdvanceAsync(TimeSpan.FromDays(83));

        Assert.Empty(world.Email.Sent);
        var instance = world.RotationInstance("usr_jean")!;
        Assert.Equal("remind", instance.Step);
        Assert.Equal(Start + TimeSpan.FromDays(113), instance.DueAt);
    }

    [Fact]
    public async Task A_second_factor_enrolled_under_pci_dss_4_waives_rotation_from_the_next_step()
    {
        world.Organizations.Add(Organization("org_pci", PolicyPresets.ValuesOf(PolicyPreset.PciDss4)));
        await StartAsync(organizationId: "org_pci");
        Assert.True(world.RotationInstance("usr_jean")!.Running);
        world.Users.Add(world.Users["usr_jean"] with { TwoFactor = new TwoFactorEnrollment { Phone = "+15145550100" } });

        await world.AdvanceAsync(TimeSpan.FromDays(90));

        Assert.Empty(world.Email.Sent);
        Assert.Equal("rotation_off", world.RotationInstance("usr_jean")!.Outcome);
        Assert.Null(world.Users["usr_jean"].Password!.ExpiredAt);
    }

    [Fact]
    public async Task With_a_second_factor_under_pci_dss_4_there_is_no_rotation_from_the_start()
    {
        world.Organizations.Add(Organization("org_pci", PolicyPresets.ValuesOf(PolicyPreset.PciDss4)));

        await StartAsync(User("usr_jean", Member("org_pci", Role.Employee, "unit_1")) with { TwoFactor = new TwoFactorEnrollment { Phone = "+15145550100" } });

        Assert.Equal("rotation_off", world.RotationInstance("usr_jean")!.Outcome);
    }
}
