using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Sessions;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Sessions;

/// <summary>Signing out, ending a session from the list, an administrator ending them all.</summary>
public sealed class SessionEndingTests
{
    private readonly SessionWorld world = new();

    [Fact]
    public async Task Signing_out_ends_the_session_its_access_token_and_its_refresh_token()
    {
        var signedIn = await world.SignInAsync();

        var result = await world.Ending.SignOutAsync(world.CallerOf(signedIn), FromIp, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.False(world.IsOpen(signedIn.Session.Id));
        Assert.Equal(RefreshTokenProblem.Revoked, SessionWorld.ProblemOf(await world.RefreshAsync(signedIn.Session.RefreshToken)));
        var ended = Assert.Single(world.World.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.SessionEnded);
        Assert.Equal(("signed_out", signedIn.Session.Id), (ended.Reason, ended.Details!["sessionId"]));
    }

    [Fact]
    public async Task Signing_out_leaves_the_other_sessions_open()
    {
        var phone = await world.SignInAsync();
        var laptop = await world.SignInAsync();

        await world.Ending.SignOutAsync(world.CallerOf(phone), FromIp, CancellationToken.None);

        Assert.True(world.IsOpen(laptop.Session.Id));
        Assert.True((await world.RefreshAsync(laptop.Session.RefreshToken)).Succeeded);
    }

    [Fact]
    public async Task A_person_ends_another_of_their_sessions_from_the_list()
    {
        var phone = await world.SignInAsync();
        var lostLaptop = await world.SignInAsync();

        var result = await world.Ending.EndOwnAsync(world.CallerOf(phone), lostLaptop.Session.Id, FromIp, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.False(world.IsOpen(lostLaptop.Session.Id));
        Assert.Equal("ended_by_holder", Assert.Single(world.World.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.SessionEnded).Reason);
    }

    [Fact]
    public async Task Another_persons_session_is_not_found_and_stays_open()
    {
        world.World.AddUser(User("usr_marie", Member("org_a", Role.Employee, "unit_1")), SessionWorld.Password);
        var jeans = await world.SignInAsync();
        var maries = await world.SignInAsync("usr_marie");

        var result = await world.Ending.EndOwnAsync(world.CallerOf(jeans), maries.Session.Id, FromIp, CancellationToken.None);

        Assert.Equal(ErrorCode.NotFound, result.Failure?.Code);
        Assert.True(world.World.Users["usr_marie"].HasOpenSession(maries.Session.Id, Start));
    }

    [Fact]
    public async Task An_administrator_ends_every_session_of_a_member_of_their_organization()
    {
        var phone = await world.SignInAsync();
        var laptop = await world.SignInAsync();
        var administrator = User("usr_admin", Member("org_a", Role.Administrator));

        var result = await world.Ending.EndAllAsync(SignedIn(administrator), "usr_jean", ContextOf(SignedIn(administrator)), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.False(world.IsOpen(phone.Session.Id) || world.IsOpen(laptop.Session.Id));
        var ended = Assert.Single(world.World.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.SessionsEnded);
        Assert.Equal(("ended_by_administrator", "2", Actor.ForUser("usr_admin")), (ended.Reason, ended.Details!["count"], ended.Actor));
    }

    [Fact]
    public async Task An_administrator_of_another_organization_cannot_end_a_users_sessions()
    {
        var signedIn = await world.SignInAsync();
        var outsider = User("usr_outsider", Member("org_b", Role.Administrator));

        var result = await world.Ending.EndAllAsync(SignedIn(outsider), "usr_jean", FromIp, CancellationToken.None);

        Assert.Equal(ErrorCode.Forbidden, result.Failure?.Code);
        Assert.True(world.IsOpen(signedIn.Session.Id));
    }

    [Fact]
    public async Task An_administrator_of_one_organization_cannot_end_the_sessions_of_a_person_another_organization_trusts()
    {
        world.World.Users.Add(world.Jean with { Memberships = [.. world.Jean.Memberships, Member("org_b", Role.Client)] });
        var signedIn = await world.SignInAsync();
        var administratorOfA = User("usr_admin", Member("org_a", Role.Administrator));

        var result = await world.Ending.EndAllAsync(SignedIn(administratorOfA), "usr_jean", FromIp, CancellationToken.None);

        Assert.Equal(ErrorCode.OtherOrganizations, result.Failure?.Code);
        Assert.True(world.IsOpen(signedIn.Session.Id));
    }

    [Fact]
    public async Task A_supervisor_cannot_end_a_users_sessions()
    {
        var signedIn = await world.SignInAsync();
        var supervisor = User("usr_supervisor", Supervisor("org_a", "unit_1"));

        var result = await world.Ending.EndAllAsync(SignedIn(supervisor), "usr_jean", FromIp, CancellationToken.None);

        Assert.Equal(ErrorCode.Forbidden, result.Failure?.Code);
        Assert.True(world.IsOpen(signedIn.Session.Id));
    }

    [Fact]
    public async Task An_unknown_user_is_not_found_for_the_operator_and_forbidden_for_an_administrator()
    {
        var administrator = SignedIn(User("usr_admin", Member("org_a", Role.Administrator)));

        var forOperator = await world.Ending.EndAllAsync(Caller.Operator.Instance, "usr_nobody", FromIp, CancellationToken.None);
        var forAdministrator = await world.Ending.EndAllAsync(administrator, "usr_nobody", FromIp, CancellationToken.None);

        Assert.Equal(ErrorCode.NotFound, forOperator.Failure?.Code);
        Assert.Equal(ErrorCode.Forbidden, forAdministrator.Failure?.Code);
    }

    [Fact]
    public async Task Ending_the_sessions_of_a_user_who_has_none_succeeds_and_records_nothing()
    {
        var result = await world.Ending.EndAllAsync(Caller.Operator.Instance, "usr_jean", FromIp, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Empty(world.World.Users.EventsOf("usr_jean"));
    }
}
