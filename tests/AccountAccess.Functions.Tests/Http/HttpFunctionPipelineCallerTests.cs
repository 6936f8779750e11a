using System.Reflection;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Authorization;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using AccountAccess.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Functions.Tests.Http;

/// <summary>
/// Who may run an HTTP function, and the per-IP budget, through the pipeline as the app composes it (<see cref="UnitApp"/>:
/// real JWT validation, options bound from configuration) on a <see cref="DefaultHttpContext"/>.
/// </summary>
public sealed class HttpFunctionPipelineCallerTests : IDisposable
{
    private static readonly MethodInfo AnyMethod = typeof(HttpFunctionPipelineCallerTests).GetMethod(nameof(AnyMethodOfAFunction), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly UnitApp app = new(new() { ["RateLimits:SignInPerIpPerMinute"] = "1" });

    private static FunctionEntry Function(CallerRequirement callers = CallerRequirement.Anyone, bool rateLimited = false) =>
        new("TestFunction", AnyMethod, new FunctionTrigger.Http("test", ["POST"]), new HttpRules(callers, rateLimited, Body: null));

    private async Task<UnitHttp.Answer> RunAsync(HttpContext http, FunctionEntry function, Func<Task<object?>>? invoke = null)
    {
        var result = await app.Pipeline.RunAsync(http, function, invoke ?? (() => Task.FromResult<object?>(TypedResults.NoContent())));
        return await UnitHttp.WriteAsync(result, http);
    }

    private string JeansToken() => app.TokenOf(app.Users.Add(User("usr_jean", Member("org_a", Role.Employee, "unit_1"))).Value);

    [Fact]
    public async Task A_function_for_operators_is_unauthorized_without_credentials()
    {
        var answer = await RunAsync(app.Request(), Function(CallerRequirement.Operator));

        Assert.Equal(401, answer.Status);
        Assert.Equal("unauthorized", answer.ErrorCode);
    }

    [Fact]
    public async Task A_function_for_operators_is_forbidden_to_a_signed_in_user()
    {
        var answer = await RunAsync(app.Request(bearer: JeansToken()), Function(CallerRequirement.Operator));

        Assert.Equal(403, answer.Status);
        Assert.Equal("forbidden", answer.ErrorCode);
    }

    [Fact]
    public async Task A_function_for_operators_runs_with_the_operator_key()
    {
        var answer = await RunAsync(app.Request(operatorKeys: [UnitApp.OperatorKeyValue]), Function(CallerRequirement.Operator));

        Assert.Equal(204, answer.Status);
    }

    [Fact]
    public async Task A_signed_in_user_runs_a_function_that_requires_a_caller_as_its_caller()
    {
        var http = app.Request(bearer: JeansToken());
        Caller? seen = null;

        var answer = await RunAsync(http, Function(CallerRequirement.OperatorOrSignedInUser), () =>
        {
            seen = http.Caller();
            return Task.FromResult<object?>(TypedResults.NoContent());
        });

        Assert.Equal(204, answer.Status);
        Assert.Equal("usr_jean", Assert.IsType<Caller.SignedInUser>(seen).User.Id);
    }

    [Fact]
    public async Task A_bad_token_on_a_function_open_to_anyone_does_not_stop_it()
    {
        var http = app.Request(bearer: "not.a.token", operatorKeys: ["not-the-key"]);

        var answer = await RunAsync(http, Function(CallerRequirement.Anyone));

        Assert.Equal(204, answer.Status);
    }

    [Fact]
    public async Task The_ip_budget_is_the_configured_RateLimits_SignInPerIpPerMinute()
    {
        var function = Function(rateLimited: true);
        var first = await RunAsync(app.Request(), function);

        var second = await RunAsync(app.Request(), function);

        Assert.Equal(204, first.Status);
        Assert.Equal(429, second.Status);
        Assert.Equal("too_many_requests", second.ErrorCode);
    }

    [Fact]
    public async Task Each_source_ip_has_its_own_budget()
    {
        var function = Function(rateLimited: true);
        await RunAsync(app.Request(sourceIp: "203.0.113.1"), function);

        var other = await RunAsync(app.Request(sourceIp: "203.0.113.2"), function);

        Assert.Equal(204, other.Status);
    }

    [Fact]
    public async Task A_request_over_the_budget_is_refused_before_its_credentials_are_looked_at()
    {
        var function = Function(CallerRequirement.Operator, rateLimited: true);
        await RunAsync(app.Request(operatorKeys: [UnitApp.OperatorKeyValue]), function);

        var answer = await RunAsync(app.Request(operatorKeys: [UnitApp.OperatorKeyValue]), function);

        Assert.Equal(429, answer.Status);
        Assert.False(string.IsNullOrEmpty(answer.Headers.RetryAfter.ToString()));
    }

    public void Dispose() => app.Dispose();

    private static void AnyMethodOfAFunction()
    {
    }
}
