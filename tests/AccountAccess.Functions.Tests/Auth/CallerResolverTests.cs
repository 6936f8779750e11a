using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Moq;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Functions.Tests.Auth;

/// <summary>
/// Who is calling, worked out on a <see cref="DefaultHttpContext"/> with the app's own composition
/// (<see cref="AccountAccessServices.AddAccountAccess"/>: the same JWT validation the hosts use) over in-memory users and
/// fake time. Tokens come from the app's issuer, so issuing and validating cannot drift apart unnoticed. A token's lifetime
/// is checked by the JWT handler against the system clock (Microsoft.IdentityModel does not take a TimeProvider), so tokens
/// are issued relative to it; the fake time decides whether an account is deactivated.
/// </summary>
public sealed class CallerResolverTests : IDisposable
{
    private const string OperatorKeyValue = "caller-resolver-operator-key";

    private readonly FakeTimeProvider time = new(Start);
    private readonly InMemoryUserStore users = new();
    private readonly ServiceProvider services;

    public CallerResolverTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Operator:ApiKey"] = OperatorKeyValue,
            ["Auth:SigningKey"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray()),
        }).Build();
        var environment = Mock.Of<IHostEnvironment>(e => e.EnvironmentName == Environments.Development);
        services = new ServiceCollection()
            .AddLogging()
            .AddAccountAccess(configuration, environment)
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<IUserStore>(users)
            .BuildServiceProvider();
    }

    private CallerResolver Resolver => services.GetRequiredService<CallerResolver>();

    private DefaultHttpContext Request(string? bearer = null, params string[] operatorKeys)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        if (bearer is not null)
        {
            http.Request.Headers.Authorization = "Bearer " + bearer;
        }

        if (operatorKeys.Length > 0)
        {
            http.Request.Headers[OperatorKey.Header] = operatorKeys;
        }

        return http;
    }

    private string TokenOf(User user, TimeSpan? issuedAgo = null) =>
        services.GetRequiredService<IAccessTokenIssuer>()
            .Issue(user, new SignInGrant(Role.Employee, ["org_a"]), TimeProvider.System.GetUtcNow() - (issuedAgo ?? TimeSpan.Zero)).Value;

    private User Jean() => users.Add(User("usr_jean", Member("org_a", Role.Employee, "unit_1"))).Value;

    [Fact]
    public async Task The_configured_operator_key_makes_the_caller_the_operator()
    {
        var caller = await Resolver.ResolveAsync(Request(operatorKeys: OperatorKeyValue));

        Assert.IsType<Caller.Operator>(caller);
    }

    [Fact]
    public async Task A_wrong_operator_key_is_nobody_even_with_a_valid_token_beside_it()
    {
        var token = TokenOf(Jean());

        var caller = await Resolver.ResolveAsync(Request(bearer: token, operatorKeys: "not-the-key"));

        Assert.Null(caller);
    }

    [Fact]
    public async Task The_operator_key_given_twice_is_nobody()
    {
        var caller = await Resolver.ResolveAsync(Request(operatorKeys: [OperatorKeyValue, OperatorKeyValue]));

        Assert.Null(caller);
    }

    [Fact]
    public async Task A_token_from_a_sign_in_makes_the_caller_that_user_as_stored_now()
    {
        var token = TokenOf(Jean());

        var caller = await Resolver.ResolveAsync(Request(bearer: token));

        Assert.Equal("usr_jean", Assert.IsType<Caller.SignedInUser>(caller).User.Id);
    }

    [Fact]
    public async Task A_token_past_its_lifetime_is_nobody()
    {
        var token = TokenOf(Jean(), issuedAgo: new AuthOptions().AccessTokenLifetime + TimeSpan.FromMinutes(1));

        var caller = await Resolver.ResolveAsync(Request(bearer: token));

        Assert.Null(caller);
    }

    [Fact]
    public async Task A_token_issued_before_the_security_stamp_changed_is_nobody()
    {
        var jean = Jean();
        var token = TokenOf(jean);
        users.Add(jean with { SecurityStamp = "stamp-after-password-change" });

        var caller = await Resolver.ResolveAsync(Request(bearer: token));

        Assert.Null(caller);
    }

    [Fact]
    public async Task The_token_of_an_account_deactivated_since_is_nobody()
    {
        var jean = Jean();
        var token = TokenOf(jean);
        users.Add(jean with { Deactivation = new Deactivation(DeactivationReason.Manual, Start, null, Actor.Operator) });

        var caller = await Resolver.ResolveAsync(Request(bearer: token));

        Assert.Null(caller);
    }

    [Fact]
    public async Task The_token_of_a_deleted_account_is_nobody()
    {
        var token = TokenOf(User("usr_gone", Member("org_a", Role.Employee, "unit_1")));

        var caller = await Resolver.ResolveAsync(Request(bearer: token));

        Assert.Null(caller);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_nobody()
    {
        var jean = Jean();
        var otherKey = SigningKey.From(new AuthOptions { SigningKey = Convert.ToBase64String(new byte[32]) }, Mock.Of<IHostEnvironment>(e => e.EnvironmentName == Environments.Development));
        var forged = new JwtAccessTokenIssuer(otherKey, new AuthOptions()).Issue(jean, new SignInGrant(Role.Administrator, ["org_a"]), TimeProvider.System.GetUtcNow()).Value;

        var caller = await Resolver.ResolveAsync(Request(bearer: forged));

        Assert.Null(caller);
    }

    [Fact]
    public async Task No_credentials_is_nobody()
    {
        Jean();

        Assert.Null(await Resolver.ResolveAsync(Request()));
    }

    public void Dispose() => services.Dispose();
}
