using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Sessions;
using AccountAccess.Core.SignIn;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Functions.Tests.Auth;

/// <summary>
/// Who is calling, worked out on a <see cref="Microsoft.AspNetCore.Http.DefaultHttpContext"/> with the app's own
/// composition (<see cref="UnitApp"/>: the JWT validation both hosts use) over in-memory users. Tokens come from the
/// app's issuer, so issuing and validating cannot drift apart unnoticed.
/// </summary>
public sealed class CallerResolverTests : IDisposable
{
    private readonly UnitApp app = new();

    private CallerResolver Resolver => app.Services.GetRequiredService<CallerResolver>();

    private User Jean() => app.Users.Add(User("usr_jean", Member("org_a", Role.Employee, "unit_1"))).Value;

    [Fact]
    public async Task The_configured_operator_key_makes_the_caller_the_operator()
    {
        var caller = await Resolver.ResolveAsync(app.Request(operatorKeys: [UnitApp.OperatorKeyValue]));

        Assert.IsType<Caller.Operator>(caller);
    }

    [Fact]
    public async Task A_wrong_operator_key_is_nobody_even_with_a_valid_token_beside_it()
    {
        var token = app.TokenOf(Jean());

        var caller = await Resolver.ResolveAsync(app.Request(bearer: token, operatorKeys: ["not-the-key"]));

        Assert.Null(caller);
    }

    [Fact]
    public async Task The_operator_key_given_twice_is_nobody()
    {
        var caller = await Resolver.ResolveAsync(app.Request(operatorKeys: [UnitApp.OperatorKeyValue, UnitApp.OperatorKeyValue]));

        Assert.Null(caller);
    }

    [Fact]
    public async Task A_token_from_a_sign_in_makes_the_caller_that_user()
    {
        var token = app.TokenOf(Jean());

        var caller = await Resolver.ResolveAsync(app.Request(bearer: token));

        Assert.Equal("usr_jean", Assert.IsType<Caller.SignedInUser>(caller).User.Id);
    }

    [Fact]
    public async Task A_token_past_its_lifetime_is_nobody()
    {
        var token = app.TokenOf(Jean(), issuedAgo: new AuthOptions().AccessTokenLifetime + TimeSpan.FromMinutes(1));

        var caller = await Resolver.ResolveAsync(app.Request(bearer: token));

        Assert.Null(caller);
    }

    [Fact]
    public async Task A_token_issued_before_the_security_stamp_changed_is_nobody()
    {
        var jean = Jean();
        var token = app.TokenOf(jean);
        app.Users.Add(app.Users["usr_jean"] with { SecurityStamp = "stamp-after-password-change" });

        var caller = await Resolver.ResolveAsync(app.Request(bearer: token));

        Assert.Null(caller);
    }

    [Fact]
    public async Task The_token_of_an_account_deactivated_since_is_nobody()
    {
        var jean = Jean();
        var token = app.TokenOf(jean);
        app.Users.Add(app.Users["usr_jean"] with { Deactivation = new Deactivation(DeactivationReason.Manual, Start, null, Actor.Operator) });

        var caller = await Resolver.ResolveAsync(app.Request(bearer: token));

        Assert.Null(caller);
    }

    [Fact]
    public async Task The_token_of_an_account_whose_timed_lock_has_ended_works_again()
    {
        var jean = Jean();
        var token = app.TokenOf(jean);
        app.Users.Add(app.Users["usr_jean"] with { Deactivation = new Deactivation(DeactivationReason.TooManyAttempts, Start, Start.AddMinutes(30), Actor.System) });
        app.Time.Advance(TimeSpan.FromMinutes(31));

        var caller = await Resolver.ResolveAsync(app.Request(bearer: token));

        Assert.IsType<Caller.SignedInUser>(caller);
    }

    [Fact]
    public async Task The_token_of_a_deleted_account_is_nobody()
    {
        var token = app.TokenOf(User("usr_gone", Member("org_a", Role.Employee, "unit_1")));

        var caller = await Resolver.ResolveAsync(app.Request(bearer: token));

        Assert.Null(caller);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_nobody()
    {
        var forged = AccessTokens.SignedWithAnotherKey(app.TokenOf(Jean()));

        var caller = await Resolver.ResolveAsync(app.Request(bearer: forged));

        Assert.Null(caller);
    }

    [Fact]
    public async Task The_token_of_a_session_that_has_ended_is_nobody()
    {
        var token = app.TokenOf(Jean());
        var jean = app.Users["usr_jean"];
        app.Users.Add(jean with { Sessions = [.. jean.Sessions.Select(s => s.EndedBy(SessionEndReason.SignedOut, Start))] });

        var caller = await Resolver.ResolveAsync(app.Request(bearer: token));

        Assert.Null(caller);
    }

    [Fact]
    public async Task A_token_names_its_session_to_the_caller()
    {
        var token = app.TokenOf(Jean());

        var caller = Assert.IsType<Caller.SignedInUser>(await Resolver.ResolveAsync(app.Request(bearer: token)));

        Assert.Equal(Assert.Single(app.Users["usr_jean"].Sessions).Id, caller.SessionId);
    }

    [Fact]
    public async Task No_credentials_is_nobody()
    {
        Jean();

        Assert.Null(await Resolver.ResolveAsync(app.Request()));
    }

    public void Dispose() => app.Dispose();
}
