using AccountAccess.Core.Audit;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Sessions;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Sessions;

/// <summary>Every <c>status: "ok"</c> answer opens a session, kept beside its user and bounded in number.</summary>
public sealed class SessionStartTests
{
    [Fact]
    public async Task A_sign_in_opens_a_session_that_remembers_where_it_came_from()
    {
        var world = new SessionWorld();

        var signedIn = await world.SignInAsync();

        var session = world.World.Sessions["usr_jean", signedIn.Session.Id];
        Assert.Equal((Start, Start, "198.51.100.30", "FitnessApp/4.2 (iPhone)", Portal.Employee), (session.CreatedAt, session.LastUsedAt, session.Ip, session.UserAgent, session.Portal));
        Assert.True(world.IsOpen(signedIn.Session.Id));
        Assert.Equal(Start + TimeSpan.FromDays(30), Assert.Single(world.Jean.Sessions).ExpiresAt);
    }

    [Fact]
    public async Task Only_hashes_of_the_refresh_token_are_kept()
    {
        var world = new SessionWorld();

        var signedIn = await world.SignInAsync();

        var secret = signedIn.Session.RefreshToken[(signedIn.Session.RefreshToken.LastIndexOf('.') + 1)..];
        var stored = System.Text.Json.JsonSerializer.Serialize(world.World.Sessions["usr_jean", signedIn.Session.Id]);
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_access_token_never_outlives_a_session_shorter_than_it()
    {
        var world = new SessionWorld(new SessionSettings { IdleOverride = TimeSpan.FromMinutes(5) });

        var signedIn = await world.SignInAsync();

        Assert.Equal(Start + TimeSpan.FromMinutes(5), signedIn.Token.ExpiresAt);
        Assert.Equal(Start + TimeSpan.FromMinutes(5), signedIn.Session.RefreshExpiresAt);
    }

    [Fact]
    public async Task When_a_user_keeps_too_many_sessions_the_oldest_ends_to_make_room()
    {
        var world = new SessionWorld(new SessionSettings { MaxSessionsPerUser = 2 });
        var first = await world.SignInAsync();
        await world.SignInAsync();

        await world.SignInAsync();

        Assert.Equal(2, world.Jean.Sessions.Count);
        Assert.Equal(RefreshTokenProblem.Unknown, SessionWorld.ProblemOf(await world.RefreshAsync(first.Session.RefreshToken)));
        var ended = Assert.Single(world.World.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.SessionEnded);
        Assert.Equal(("replaced", first.Session.Id), (ended.Reason, ended.Details!["sessionId"]));
    }

    [Fact]
    public async Task An_ended_session_makes_room_before_an_open_one()
    {
        var world = new SessionWorld(new SessionSettings { MaxSessionsPerUser = 2 });
        var first = await world.SignInAsync();
        var second = await world.SignInAsync();
        await world.Ending.SignOutAsync(world.CallerOf(second), FromIp, CancellationToken.None);

        await world.SignInAsync();

        Assert.True(world.IsOpen(first.Session.Id));
        Assert.DoesNotContain(world.Jean.Sessions, s => s.Id == second.Session.Id);
    }

    [Fact]
    public async Task Sessions_past_their_maximum_age_go_when_a_new_one_starts()
    {
        var world = new SessionWorld();
        var old = await world.SignInAsync();
        world.World.Time.Advance(TimeSpan.FromDays(31));

        await world.SignInAsync();

        Assert.DoesNotContain(world.Jean.Sessions, s => s.Id == old.Session.Id);
        Assert.DoesNotContain(world.World.Sessions.All, s => s.Id == old.Session.Id);
    }

    [Fact]
    public async Task Each_session_start_is_audited_as_the_holder()
    {
        var world = new SessionWorld();

        var signedIn = await world.SignInAsync();

        var started = Assert.Single(world.World.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.SessionStarted);
        Assert.Equal((Actor.ForUser("usr_jean"), "198.51.100.30", signedIn.Session.Id, "employee"), (started.Actor, started.Ip, started.Details!["sessionId"], started.Details["portal"]));
    }

    [Fact]
    public async Task A_sign_in_that_loses_a_race_to_a_password_change_opens_no_session()
    {
        var world = new SessionWorld();
        var jean = world.Jean;
        world.World.Users.BeforeNextSave(() => world.World.Users.Add(world.Jean.WithNewSecurityStamp()));

        var result = await world.World.Time.AdvanceUntilDoneAsync(world.World.SessionStart.StartAsync(jean, new SignInGrant(AccountAccess.Core.Accounts.Role.Employee, ["org_a"]), [Organization("org_a")],
            new SignInAttempt(Portal.Employee, null), FromIp, CancellationToken.None, await world.World.Users.GetAsync("usr_jean", CancellationToken.None)));

        Assert.Equal(AccountAccess.Core.Errors.ErrorCode.InvalidCredentials, result.Failure?.Code);
        Assert.Empty(world.Jean.Sessions);
    }
}
