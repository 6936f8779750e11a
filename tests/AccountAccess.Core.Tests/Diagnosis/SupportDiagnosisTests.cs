using AccountAccess.Core.Accounts;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Diagnosis;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Core.WelcomeKits;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Diagnosis;

/// <summary>
/// The diagnosis of an account pending activation: "pending activation, kit sent at …", and whether the remedy is a new
/// kit or the link already in the person's mailbox; and what HTTP tests cannot reach without a race, the diagnosis between
/// the end of a timed lock and the sweep that lifts it (up to a minute in production, <c>Lockouts:SweepSchedule</c>). (The
/// other blockers are tested over HTTP, in SupportFunctionsTests and SupportDiagnosisOverTimeTests.)
/// </summary>
public sealed class SupportDiagnosisTests
{
    private readonly WelcomeKitWorld world = new();
    private readonly SupportDiagnosis diagnosis;

    public SupportDiagnosisTests()
    {
        world.Organizations.Add(Organization("org_a"));
        world.AddPending("usr_new", Member("org_a", Role.Employee, "unit_1"));
        diagnosis = new SupportDiagnosis(world.Users, world.Organizations, world.Passwords.Settings, world.Time);
    }

    private async Task<Blocker> PendingActivationAsync()
    {
        var result = await diagnosis.DiagnoseAsync(Caller.Operator.Instance, "usr_new", portal: null, appVersion: null, CancellationToken.None);
        Assert.False(result.Value.CanSignIn);
        return Assert.Single(result.Value.Blockers, b => b.Code == BlockerCode.PendingActivation);
    }

    /// <summary>Arranges an account locked for <paramref name="duration"/> by three wrong passwords now, counted the way sign-in counts them.</summary>
    private void AddTimedLock(string userId, TimeSpan duration)
    {
        var organization = world.Organizations.Add(Organization("org_timed", OrganizationPolicy.Default with
        {
            MaxFailedAttempts = 3,
            LockoutMinutes = (int)duration.TotalMinutes,
        }));
        var user = User(userId, Member("org_timed", Role.Employee, "unit_1"));
        for (var i = 0; i < 3; i++)
        {
            (user, _) = Lockout.RegisterFailure(user, LockoutPolicy.For([organization]), FromIp, world.Time.GetUtcNow());
        }

        world.Users.Add(user);
    }

    private async Task<AccountDiagnosis> DiagnoseAsync(string userId) =>
        (await diagnosis.DiagnoseAsync(Caller.Operator.Instance, userId, portal: null, appVersion: null, CancellationToken.None)).Value;

    private Task SendKitAsync() =>
        world.Sender.SendOneAsync(Caller.Operator.Instance, "usr_new", ContextOf(Caller.Operator.Instance), CancellationToken.None);

    [Fact]
    public async Task Before_any_kit_the_blocker_says_none_was_sent_and_the_remedy_is_to_send_one()
    {
        var blocker = await PendingActivationAsync();

        Assert.Equal("not_sent", blocker.Details["welcomeKit"]);
        Assert.Equal("none", blocker.Details["activationLink"]);
        Assert.False(blocker.Details.ContainsKey("welcomeKitSentAt"));
        Assert.Equal(Remedy.SendWelcomeKit, blocker.Remedy);
    }

    [Fact]
    public async Task After_a_kit_the_blocker_says_when_it_was_sent_and_the_remedy_is_to_open_its_link()
    {
        world.Time.Advance(TimeSpan.FromMinutes(3));
        await SendKitAsync();

        var blocker = await PendingActivationAsync();

        Assert.Equal("sent", blocker.Details["welcomeKit"]);
        Assert.Equal("2026-03-10T12:03:00Z", blocker.Details["welcomeKitSentAt"]);
        Assert.Equal("one_click", blocker.Details["welcomeKitSentBy"]);
        Assert.Equal("pending", blocker.Details["activationLink"]);
        Assert.Equal("2026-03-11T12:03:00Z", blocker.Details["activationLinkExpiresAt"]);
        Assert.Equal(Remedy.OpenWelcomeKitLink, blocker.Remedy);
    }

    [Fact]
    public async Task Once_the_kits_link_has_expired_the_remedy_is_a_new_kit()
    {
        await SendKitAsync();
        world.Time.Advance(TimeSpan.FromHours(24));

        var blocker = await PendingActivationAsync();

        Assert.Equal("sent", blocker.Details["welcomeKit"]);
        Assert.Equal("expired", blocker.Details["activationLink"]);
        Assert.Equal(Remedy.SendWelcomeKit, blocker.Remedy);
    }

    [Fact]
    public async Task While_a_sender_holds_the_claim_the_kit_is_being_sent()
    {
        world.Claim("usr_new", "req_claim", Start.AddMinutes(5));

        var blocker = await PendingActivationAsync();

        Assert.Equal("being_sent", blocker.Details["welcomeKit"]);
    }

    [Fact]
    public async Task Once_a_timed_lock_has_ended_nothing_blocks_sign_in_even_before_the_sweep_lifts_it()
    {
        AddTimedLock("usr_locked", TimeSpan.FromMinutes(30));
        world.Time.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));

        var diagnosed = await DiagnoseAsync("usr_locked");

        Assert.True(diagnosed.CanSignIn);
        Assert.DoesNotContain(diagnosed.Blockers, b => b.Code == BlockerCode.AccountDeactivated);
    }

    [Fact]
    public async Task The_wrong_passwords_behind_a_timed_lock_that_has_ended_no_longer_count_towards_the_next_lock()
    {
        AddTimedLock("usr_locked", TimeSpan.FromMinutes(30));
        world.Time.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));

        var diagnosed = await DiagnoseAsync("usr_locked");

        Assert.DoesNotContain(diagnosed.Blockers, b => b.Code == BlockerCode.RecentFailedAttempts);
    }
}
