using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Sessions;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Sessions;

/// <summary>Refresh with rotation and reuse detection (Auth0's model), idle and maximum age, on a fake clock.</summary>
public sealed class SessionRefreshTests
{
    private readonly SessionWorld world = new();

    private void Advance(TimeSpan by) => world.World.Time.Advance(by);

    [Fact]
    public async Task A_refresh_gives_a_new_access_token_and_a_new_refresh_token_of_the_same_session()
    {
        var signedIn = await world.SignInAsync();
        Advance(TimeSpan.FromMinutes(14));

        var refreshed = await world.RefreshedAsync(signedIn.Session.RefreshToken);

        Assert.Equal(signedIn.Session.Id, refreshed.Session.Id);
        Assert.NotEqual(signedIn.Session.RefreshToken, refreshed.Session.RefreshToken);
        Assert.Equal(Start + TimeSpan.FromMinutes(14) + FakeAccessTokenIssuer.Lifetime, refreshed.Token.ExpiresAt);
    }

    [Fact]
    public async Task A_refresh_moves_the_sessions_idle_end_and_records_where_it_came_from()
    {
        var signedIn = await world.SignInAsync();
        Advance(TimeSpan.FromDays(1));
        var fromLaptop = new RequestContext(Actor.Anonymous, "192.0.2.44", UserAgent: "Mozilla/5.0 (laptop)");

        var refreshed = Assert.IsType<SignedIn.Granted>((await world.RefreshAsync(signedIn.Session.RefreshToken, fromLaptop)).Value);

        Assert.Equal(Start + TimeSpan.FromDays(1) + TimeSpan.FromMinutes(OrganizationPolicy.Default.SessionIdleMinutes), refreshed.Session.RefreshExpiresAt);
        var session = world.World.Sessions["usr_jean", signedIn.Session.Id];
        Assert.Equal((Start + TimeSpan.FromDays(1), "192.0.2.44", "Mozilla/5.0 (laptop)"), (session.LastUsedAt, session.Ip, session.UserAgent));
    }

    [Fact]
    public async Task The_replaced_token_again_within_the_reuse_interval_gets_the_pair_already_issued()
    {
        var signedIn = await world.SignInAsync();
        var first = await world.RefreshedAsync(signedIn.Session.RefreshToken);
        Advance(TimeSpan.FromSeconds(5));

        var second = await world.RefreshedAsync(signedIn.Session.RefreshToken);

        Assert.Equal(first.Session.RefreshToken, second.Session.RefreshToken);
        Assert.True(world.IsOpen(signedIn.Session.Id));
        Assert.True((await world.RefreshAsync(first.Session.RefreshToken)).Succeeded);
    }

    [Fact]
    public async Task The_replaced_token_again_after_the_reuse_interval_ends_the_whole_session()
    {
        var signedIn = await world.SignInAsync();
        var rotated = await world.RefreshedAsync(signedIn.Session.RefreshToken);
        Advance(world.Settings.RefreshReuseInterval + TimeSpan.FromSeconds(1));

        var replayed = await world.RefreshAsync(signedIn.Session.RefreshToken);

        Assert.Equal(RefreshTokenProblem.Reused, SessionWorld.ProblemOf(replayed));
        Assert.False(world.IsOpen(signedIn.Session.Id));
        Assert.Equal(RefreshTokenProblem.Reused, SessionWorld.ProblemOf(await world.RefreshAsync(rotated.Session.RefreshToken)));
    }

    [Fact]
    public async Task A_reuse_is_audited_and_the_holder_is_told_once()
    {
        var signedIn = await world.SignInAsync();
        await world.RefreshedAsync(signedIn.Session.RefreshToken);
        Advance(TimeSpan.FromMinutes(1));

        await world.RefreshAsync(signedIn.Session.RefreshToken, new RequestContext(Actor.Anonymous, "203.0.113.99"));
        await world.RefreshAsync(signedIn.Session.RefreshToken);

        var events = world.World.Users.EventsOf("usr_jean");
        var reused = Assert.Single(events, e => e.Action == AuditAction.RefreshTokenReused);
        Assert.Equal(("203.0.113.99", signedIn.Session.Id), (reused.Ip, reused.Details!["sessionId"]));
        Assert.Equal("refresh_token_reused", Assert.Single(events, e => e.Action == AuditAction.SessionEnded).Reason);
        var notice = Assert.Single(world.World.Email.Sent);
        Assert.Equal(("usr_jean@example.com", "One of your sessions was ended"), (notice.To, notice.Subject));
        Assert.Contains("203.0.113.99", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost:7071/account", notice.TextBody, StringComparison.Ordinal);
        Assert.Equal("session_ended_by_reuse", Assert.Single(world.World.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.NotificationSent).Reason);
    }

    [Fact]
    public async Task An_older_token_again_even_within_the_interval_ends_the_session()
    {
        var signedIn = await world.SignInAsync();
        var first = await world.RefreshedAsync(signedIn.Session.RefreshToken);
        await world.RefreshedAsync(first.Session.RefreshToken);

        var replayed = await world.RefreshAsync(signedIn.Session.RefreshToken);

        Assert.Equal(RefreshTokenProblem.Reused, SessionWorld.ProblemOf(replayed));
        Assert.False(world.IsOpen(signedIn.Session.Id));
    }

    [Fact]
    public async Task Two_refreshes_racing_with_one_token_both_get_the_one_new_pair()
    {
        var signedIn = await world.SignInAsync();
        Task<Result<SignedIn>>? racing = null;
        world.World.Sessions.BeforeNextSave(() => racing = world.RefreshAsync(signedIn.Session.RefreshToken));

        var loser = Assert.IsType<SignedIn.Granted>((await world.World.Time.AdvanceUntilDoneAsync(world.RefreshAsync(signedIn.Session.RefreshToken))).Value);
        var winner = Assert.IsType<SignedIn.Granted>((await racing!).Value);

        Assert.Equal(winner.Session.RefreshToken, loser.Session.RefreshToken);
        Assert.Equal(1, world.World.Sessions.ConflictCount);
        Assert.True(world.IsOpen(signedIn.Session.Id));
    }

    [Fact]
    public async Task A_session_idle_longer_than_the_policy_allows_is_expired()
    {
        var signedIn = await world.SignInAsync();
        Advance(TimeSpan.FromMinutes(OrganizationPolicy.Default.SessionIdleMinutes) + TimeSpan.FromSeconds(1));

        Assert.Equal(RefreshTokenProblem.Expired, SessionWorld.ProblemOf(await world.RefreshAsync(signedIn.Session.RefreshToken)));
    }

    [Fact]
    public async Task Refreshes_keep_a_session_going_but_never_past_its_maximum_age()
    {
        var refreshToken = (await world.SignInAsync()).Session.RefreshToken;
        for (var day = 10; day < 30; day += 10)
        {
            Advance(TimeSpan.FromDays(10));
            refreshToken = (await world.RefreshedAsync(refreshToken)).Session.RefreshToken;
        }

        Advance(TimeSpan.FromDays(10));

        Assert.Equal(RefreshTokenProblem.Expired, SessionWorld.ProblemOf(await world.RefreshAsync(refreshToken)));
    }

    [Fact]
    public async Task Near_its_maximum_age_a_session_gives_tokens_that_end_with_it()
    {
        var refreshToken = (await world.SignInAsync()).Session.RefreshToken;
        Advance(TimeSpan.FromDays(10));
        refreshToken = (await world.RefreshedAsync(refreshToken)).Session.RefreshToken;
        Advance(TimeSpan.FromDays(10));
        refreshToken = (await world.RefreshedAsync(refreshToken)).Session.RefreshToken;
        Advance(TimeSpan.FromDays(10) - TimeSpan.FromMinutes(5));

        var refreshed = await world.RefreshedAsync(refreshToken);

        Assert.Equal(Start + TimeSpan.FromDays(30), refreshed.Token.ExpiresAt);
        Assert.Equal(Start + TimeSpan.FromDays(30), refreshed.Session.RefreshExpiresAt);
    }

    [Fact]
    public async Task Under_the_PCI_DSS_preset_a_session_idle_for_fifteen_minutes_is_over()
    {
        var pci = new SessionWorld(policy: PolicyPresets.ValuesOf(PolicyPreset.PciDss4));
        var signedIn = await pci.SignInAsync();
        pci.World.Time.Advance(TimeSpan.FromMinutes(14));
        var refreshed = await pci.RefreshedAsync(signedIn.Session.RefreshToken);

        pci.World.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        Assert.Equal(RefreshTokenProblem.Expired, SessionWorld.ProblemOf(await pci.RefreshAsync(refreshed.Session.RefreshToken)));
    }

    [Fact]
    public async Task A_member_of_several_organizations_gets_the_shortest_idle_time()
    {
        world.World.Organizations.Add(Organization("org_b", OrganizationPolicy.Default with { SessionIdleMinutes = 60 }));
        world.World.Users.Add(world.Jean with { Memberships = [.. world.Jean.Memberships, Member("org_b", Role.Client)] });
        var signedIn = await world.SignInAsync();

        Advance(TimeSpan.FromMinutes(61));

        Assert.Equal(RefreshTokenProblem.Expired, SessionWorld.ProblemOf(await world.RefreshAsync(signedIn.Session.RefreshToken)));
    }

    [Fact]
    public async Task A_password_change_revokes_every_session()
    {
        var phone = await world.SignInAsync();
        var laptop = await world.SignInAsync();

        await world.World.Change.ChangeOwnAsync("usr_jean", SessionWorld.Password, "amber-lighthouse-77", FromIp, CancellationToken.None);

        Assert.Equal(RefreshTokenProblem.Revoked, SessionWorld.ProblemOf(await world.RefreshAsync(phone.Session.RefreshToken)));
        Assert.Equal(RefreshTokenProblem.Revoked, SessionWorld.ProblemOf(await world.RefreshAsync(laptop.Session.RefreshToken)));
        Assert.False(world.IsOpen(phone.Session.Id));
    }

    [Fact]
    public async Task A_suspended_organization_refuses_a_refresh_as_it_refuses_a_sign_in()
    {
        var signedIn = await world.SignInAsync();
        var organization = (await world.World.Organizations.GetAsync("org_a", CancellationToken.None))!;
        world.World.Organizations.Add(organization.Value with { Billing = new BillingState(["inv_1", "inv_2"], Start) });

        var refused = await world.RefreshAsync(signedIn.Session.RefreshToken);

        Assert.Equal(ErrorCode.OrganizationSuspended, refused.Failure?.Code);
        Assert.True(world.IsOpen(signedIn.Session.Id));
    }

    [Fact]
    public async Task A_password_that_expired_during_the_session_must_be_replaced_at_the_next_refresh()
    {
        var expiring = new SessionWorld(policy: OrganizationPolicy.Default with { PasswordMaxAgeDays = 1 });
        var signedIn = await expiring.SignInAsync();
        expiring.World.Time.Advance(TimeSpan.FromDays(2));

        var refreshed = await expiring.RefreshAsync(signedIn.Session.RefreshToken);

        Assert.Equal(PasswordChangeReason.Expired, Assert.IsType<SignedIn.PasswordChangeRequired>(refreshed.Value).Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("usr_jean.ses_nothing.c2VjcmV0")]
    public async Task Anything_but_a_refresh_token_of_ours_is_unknown(string token)
    {
        await world.SignInAsync();

        Assert.Equal(RefreshTokenProblem.Unknown, SessionWorld.ProblemOf(await world.RefreshAsync(token)));
    }

    [Fact]
    public async Task A_wrong_secret_for_a_real_session_is_unknown_and_ends_nothing()
    {
        var signedIn = await world.SignInAsync();
        var guessed = signedIn.Session.RefreshToken[..signedIn.Session.RefreshToken.LastIndexOf('.')] + "." + RefreshTokens.NewSecret();

        Assert.Equal(RefreshTokenProblem.Unknown, SessionWorld.ProblemOf(await world.RefreshAsync(guessed)));
        Assert.True(world.IsOpen(signedIn.Session.Id));
    }
}
