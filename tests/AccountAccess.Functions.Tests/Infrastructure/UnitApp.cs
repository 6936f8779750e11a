using AccountAccess.Core.Accounts;
using AccountAccess.Core.Sessions;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>
/// The app's own composition (<see cref="AccountAccessServices.AddAccountAccess"/>, as both hosts register it) built in
/// memory, with in-memory users and fake time in place of storage and the clock: for unit tests that should exercise the
/// real wiring (JWT validation, options bound from configuration) without a process or Azurite.
/// </summary>
public sealed class UnitApp : IDisposable
{
    public const string OperatorKeyValue = "unit-app-operator-key";

    public UnitApp(Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Operator:ApiKey"] = OperatorKeyValue,
            ["Auth:SigningKeys:0"] = TestSigningKeys.AppKey,
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        Services = new ServiceCollection()
            .AddLogging()
            .AddAccountAccess(configuration, Development)
            .AddSingleton<TimeProvider>(Time)
            .AddSingleton<IUserStore>(Users)
            .BuildServiceProvider();
    }

    public static IHostEnvironment Development { get; } = Mock.Of<IHostEnvironment>(e => e.EnvironmentName == Environments.Development);

    public FakeTimeProvider Time { get; } = new(Core.Tests.TestData.Start);

    public InMemoryUserStore Users { get; } = new();

    public ServiceProvider Services { get; }

    public HttpFunctionPipeline Pipeline => Services.GetRequiredService<HttpFunctionPipeline>();

    /// <summary>
    /// An access token for <paramref name="user"/> from the app's issuer, of a session opened for it in the store (when the
    /// user is stored). Its lifetime is checked by the JWT handler against the system clock (Microsoft.IdentityModel takes
    /// no TimeProvider), so it is issued relative to that clock.
    /// </summary>
    public string TokenOf(User user, TimeSpan? issuedAgo = null)
    {
        var sessionId = Ids.NewSessionId();
        if (Users.GetAsync(user.Id, CancellationToken.None).Result is { } stored)
        {
            var entry = new SessionEntry(sessionId, stored.Value.SecurityStamp, Time.GetUtcNow(), Time.GetUtcNow() + TimeSpan.FromDays(30));
            Users.Add(stored.Value with { Sessions = [.. stored.Value.Sessions, entry] });
        }

        var issuedAt = TimeProvider.System.GetUtcNow() - (issuedAgo ?? TimeSpan.Zero);
        var grant = new SignInGrant(user.Memberships[0].Role, [.. user.Memberships.Select(m => m.OrganizationId)]);
        return Services.GetRequiredService<IAccessTokenIssuer>().Issue(user, grant, sessionId, issuedAt, issuedAt + TimeSpan.FromDays(1)).Value;
    }

    public DefaultHttpContext Request(string? bearer = null, string[]? operatorKeys = null, string sourceIp = "203.0.113.9")
    {
        var http = new DefaultHttpContext { RequestServices = Services };
        http.Request.Method = "POST";
        http.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(sourceIp);
        http.Response.Body = new MemoryStream();
        if (bearer is not null)
        {
            http.Request.Headers.Authorization = "Bearer " + bearer;
        }

        if (operatorKeys is not null)
        {
            http.Request.Headers[OperatorKey.Header] = operatorKeys;
        }

        return http;
    }

    public void Dispose() => Services.Dispose();
}
