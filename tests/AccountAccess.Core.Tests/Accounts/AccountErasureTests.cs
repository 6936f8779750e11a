using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Accounts;

/// <summary>
/// Erasing a user: who may (operators; an administrator of the one organization all its memberships are in), what goes
/// (the account, its trail, its names, its rotation and links), what stays (<c>user_deleted</c> on each organization's
/// trail, with no personal data), and what it looks like afterwards (not found, sign-in invalid, forgot sends nothing).
/// </summary>
public class AccountErasureTests
{
    private readonly PasswordLifecycle world = new();
    private readonly AccountErasure erasure;
    private readonly User jean;

    public AccountErasureTests()
    {
        world.Organizations.Add(Organization("org_a"));
        world.Organizations.Add(Organization("org_b"));
        jean = world.AddUser(User("usr_jean", Member("org_a", Role.Employee, "unit_1")) with { Username = "jean.tremblay" }, "violet-harbour-42");
        world.Rotations.TrackAsync(jean.Id, jean.Password!.ChangedAt, CancellationToken.None).GetAwaiter().GetResult();
        erasure = new AccountErasure(world.Users, world.Organizations, world.Challenges, world.Links, world.Rotations, world.Time);
    }

    private Task<Result> DeleteAsync(Caller caller, string userId = "usr_jean") =>
        erasure.DeleteAsync(caller, userId, ContextOf(caller), CancellationToken.None);

    private Caller.SignedInUser Administrator(string id, params Membership[] memberships) =>
        SignedIn(world.AddUser(User(id, memberships), "amber-lighthouse-77"));

    [Fact]
    public async Task An_operator_erases_the_account_its_trail_and_its_workflows()
    {
        var result = await DeleteAsync(Caller.Operator.Instance);

        Assert.True(result.Succeeded);
        Assert.Null(await world.Users.GetAsync("usr_jean", CancellationToken.None));
        Assert.Empty(world.Users.EventsOf("usr_jean"));
        Assert.Null(world.RotationInstance("usr_jean"));
        Assert.Contains("usr_jean", world.Links.Stopped);
    }

    [Fact]
    public async Task Each_organization_keeps_user_deleted_with_who_and_when_but_no_personal_data()
    {
        await DeleteAsync(Caller.Operator.Instance);

        var deleted = Assert.Single(world.Organizations.EventsOf("org_a"), e => e.Action == AuditAction.UserDeleted);
        Assert.Equal(Actor.Operator, deleted.Actor);
        Assert.Equal(Start, deleted.At);
        Assert.Equal("usr_jean", deleted.Details!["userId"]);
        Assert.DoesNotContain(deleted.Details.Values, v => v.Contains("example.com", StringComparison.Ordinal) || v == jean.Username);
    }

    [Fact]
    public async Task Afterwards_the_login_is_free_sign_in_is_invalid_credentials_and_forgot_sends_nothing()
    {
        await DeleteAsync(Caller.Operator.Instance);

        Assert.Null(await world.Users.FindUserIdByLoginAsync("usr_jean@example.com", CancellationToken.None));
        var signIn = await world.SignIn.SignInAsync(new SignInRequest("jean.tremblay", "violet-harbour-42", new SignInAttempt(Portal.Employee, null)), FromIp, CancellationToken.None);
        Assert.Equal(ErrorCode.InvalidCredentials, signIn.Failure?.Code);
        await world.Reset.ForgotAsync("jean.tremblay", FromIp, CancellationToken.None);
        Assert.Empty(world.Email.Sent);
        world.AddUser(User("usr_new", Member("org_a", Role.Employee, "unit_1")) with { Username = jean.Username, Email = jean.Email }, "a-fresh-start-2026");
        Assert.Equal("usr_new", await world.Users.FindUserIdByLoginAsync(jean.Email!, CancellationToken.None));
    }

    [Fact]
    public async Task A_second_erasure_is_not_found()
    {
        await DeleteAsync(Caller.Operator.Instance);

        Assert.Equal(ErrorCode.NotFound, (await DeleteAsync(Caller.Operator.Instance)).Failure?.Code);
    }

    [Fact]
    public async Task An_administrator_of_the_users_only_organization_may_erase_it()
    {
        var administrator = Administrator("usr_admin", Member("org_a", Role.Administrator));

        Assert.True((await DeleteAsync(administrator)).Succeeded);
    }

    [Fact]
    public async Task An_administrator_may_not_erase_a_user_who_is_also_in_another_organization()
    {
        world.Users.Add(world.Users["usr_jean"] with { Memberships = [Member("org_a", Role.Employee, "unit_1"), Member("org_b", Role.Employee, "unit_b")] });
        var administrator = Administrator("usr_admin", Member("org_a", Role.Administrator));

        Assert.Equal(ErrorCode.OtherOrganizations, (await DeleteAsync(administrator)).Failure?.Code);
        Assert.NotNull(await world.Users.GetAsync("usr_jean", CancellationToken.None));
        Assert.DoesNotContain(world.Organizations.EventsOf("org_a"), e => e.Action == AuditAction.UserDeleted);
    }

    [Theory]
    [InlineData(Role.Manager)]
    [InlineData(Role.Employee)]
    public async Task Nobody_else_may_erase_a_user(Role role)
    {
        var other = Administrator("usr_other", Member("org_a", role, "unit_1"));

        Assert.Equal(ErrorCode.Forbidden, (await DeleteAsync(other)).Failure?.Code);
    }

    [Fact]
    public async Task An_unknown_user_is_not_found_for_an_operator_and_forbidden_for_an_administrator()
    {
        var administrator = Administrator("usr_admin", Member("org_a", Role.Administrator));

        Assert.Equal(ErrorCode.NotFound, (await DeleteAsync(Caller.Operator.Instance, "usr_nobody")).Failure?.Code);
        Assert.Equal(ErrorCode.Forbidden, (await DeleteAsync(administrator, "usr_nobody")).Failure?.Code);
    }
}
