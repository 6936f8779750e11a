using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Core.TwoFactor;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Features;
using AccountAccess.Functions.Tests.Infrastructure;
using AccountAccess.Storage;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// Function classes called directly, without a host (the "unit tests call function classes directly"): a
/// <see cref="DefaultHttpContext"/> request, a constructed <see cref="TimerInfo"/> or <see cref="QueueMessage"/>, Core
/// over its in-memory fakes. What the HTTP pipeline checks first (caller, body) is tested in HttpFunctionPipelineTests.
/// </summary>
public sealed class FunctionClassTests
{
    private const string Password = "violet-harbour-42";

    private static HttpRequest Request()
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("203.0.113.9");
        return http.Request;
    }

    private static SignInFunctions SignIn(PasswordLifecycle world)
    {
        world.Organizations.Add(Organization("org_a"));
        world.Users.Add(User("usr_jean", Member("org_a", Role.Employee, "unit_1")).WithPassword(PasswordLifecycle.Hashing.Hash(Password)));
        return new SignInFunctions(world.SignIn);
    }

    [Fact]
    public async Task Login_without_a_login_is_invalid_request_naming_it()
    {
        var functions = SignIn(new PasswordLifecycle());

        var answer = await functions.Login(Request(), new LoginBody(null, Password, Portal.Employee, null), CancellationToken.None);

        var error = Assert.IsType<ApiError>(answer.Result);
        Assert.Equal(ErrorCode.InvalidRequest, error.Failure.Code);
        Assert.Equal("login", error.Failure.Details["field"]);
    }

    [Fact]
    public async Task Login_with_the_right_password_answers_ok_with_an_access_token()
    {
        var functions = SignIn(new PasswordLifecycle());

        var answer = await functions.Login(Request(), new LoginBody("usr_jean", Password, Portal.Employee, "3.2.0"), CancellationToken.None);

        var ok = Assert.IsType<Ok<LoginResponse>>(answer.Result);
        Assert.Equal("usr_jean", ok.Value!.User.Id);
        Assert.False(string.IsNullOrEmpty(ok.Value.AccessToken));
    }

    [Fact]
    public async Task Login_with_an_app_version_that_is_not_one_names_it()
    {
        var functions = SignIn(new PasswordLifecycle());

        var answer = await functions.Login(Request(), new LoginBody("usr_jean", Password, Portal.Employee, "three"), CancellationToken.None);

        Assert.Equal("appVersion", Assert.IsType<ApiError>(answer.Result).Failure.Details["field"]);
    }

    [Fact]
    public async Task Login_with_a_wrong_password_is_invalid_credentials_and_records_the_source_ip()
    {
        var world = new PasswordLifecycle();
        var functions = SignIn(world);

        var answer = await functions.Login(Request(), new LoginBody("usr_jean", "wrong password", Portal.Employee, null), CancellationToken.None);

        Assert.Equal(ErrorCode.InvalidCredentials, Assert.IsType<ApiError>(answer.Result).Failure.Code);
        Assert.Equal("203.0.113.9", world.Users.EventsOf("usr_jean").Last().Ip);
    }

    [Fact]
    public async Task The_lockout_sweep_timer_lifts_a_timed_lock_that_has_ended()
    {
        var world = new PasswordLifecycle();
        var stored = world.Users.Add(User("usr_locked", Member("org_a", Role.Employee, "unit_1")));
        await world.Users.SaveAsync(stored, stored.Value with
        {
            Deactivation = new Deactivation(DeactivationReason.TooManyAttempts, Start, Start.AddMinutes(30), Actor.System),
            FailedAttempts = new FailedAttempts(6, Start, "203.0.113.7"),
        }, [], CancellationToken.None);
        world.Time.Advance(TimeSpan.FromMinutes(31));
        var functions = new MaintenanceFunctions(
            new TimedLockSweep(world.Users, new UserUpdater(world.Users, world.Time), world.Time),
            new ChallengeSweep(new InMemoryChallengeStore(), world.Time),
            NullLogger<MaintenanceFunctions>.Instance);

        await functions.SweepEndedLockouts(new TimerInfo(), CancellationToken.None);

        Assert.Null((await world.Users.GetAsync("usr_locked", CancellationToken.None))!.Value.Deactivation);
    }

    [Fact]
    public async Task The_welcome_kit_timer_sends_a_kit_to_an_account_pending_activation()
    {
        var world = new WelcomeKitWorld();
        world.Organizations.Add(Organization("org_a"));
        world.AddPending("usr_new", Member("org_a", Role.Employee, "unit_1"));
        var functions = new WelcomeKitFunctions(world.Sender, world.Batches, world.Schedule, world.Sweep, HostJson.Defaults, NullLogger<WelcomeKitFunctions>.Instance);

        await functions.ScheduledWelcomeKits(new TimerInfo(), NoWorkflows.Client, CancellationToken.None);

        Assert.Single(world.EmailsTo("usr_new"));
    }

    [Fact]
    public async Task A_welcome_kit_message_that_cannot_be_read_fails_the_invocation_so_the_queue_retries_then_poisons_it()
    {
        var world = new WelcomeKitWorld();
        var functions = new WelcomeKitFunctions(world.Sender, world.Batches, world.Schedule, world.Sweep, HostJson.Defaults, NullLogger<WelcomeKitFunctions>.Instance);
        var garbage = QueuesModelFactory.QueueMessage("id", "receipt", BinaryData.FromString("not json"), dequeueCount: 1);

        await Assert.ThrowsAnyAsync<Exception>(() => functions.DeliverWelcomeKit(garbage, NoWorkflows.Client, CancellationToken.None));
        Assert.Empty(world.Email.Sent);
    }

    [Fact]
    public async Task Health_answers_503_when_storage_cannot_be_reached()
    {
        var closed = ClosedPort();
        var tables = new StorageTables(new StorageOptions
        {
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{closed}/devstoreaccount1;",
        });

        var answer = await new HealthFunctions(tables).Health(Request(), CancellationToken.None);

        var unavailable = Assert.IsType<JsonHttpResult<HealthResponse>>(answer.Result);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, unavailable.StatusCode);
        Assert.Equal("unavailable", unavailable.Value!.Status);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
