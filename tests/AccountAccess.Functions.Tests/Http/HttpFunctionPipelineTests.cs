using System.Reflection;
using System.Text.Json.Nodes;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using AccountAccess.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AccountAccess.Functions.Tests.Http;

/// <summary>
/// Unit tests of the HTTP rules every function runs under, whichever host (<see cref="HttpFunctionPipeline"/>), on a
/// <see cref="Microsoft.AspNetCore.Http.DefaultHttpContext"/>: no process, no storage.
/// </summary>
public sealed class HttpFunctionPipelineTests
{
    private static readonly MethodInfo AnyMethod = typeof(HttpFunctionPipelineTests).GetMethod(nameof(AnyMethodOfAFunction), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly UnitHttp unit = new();

    private static FunctionEntry Function(CallerRequirement callers = CallerRequirement.Anyone, bool rateLimited = false, JsonBody? body = null) =>
        new("TestFunction", AnyMethod, new FunctionTrigger.Http("test", ["POST"]), new HttpRules(callers, rateLimited, body));

    private static Func<Task<object?>> Answers(IResult result) => () => Task.FromResult<object?>(result);

    private static Func<Task<object?>> Throws(Exception exception) => () => Task.FromException<object?>(exception);

    private async Task<UnitHttp.Answer> RunAsync(Microsoft.AspNetCore.Http.HttpContext http, FunctionEntry function, Func<Task<object?>>? invoke = null)
    {
        var result = await unit.Pipeline.RunAsync(http, function, invoke ?? Answers(TypedResults.Ok(new { done = true })));
        return await UnitHttp.WriteAsync(result, http);
    }

    [Fact]
    public async Task Every_answer_carries_nosniff_and_no_store()
    {
        var answer = await RunAsync(unit.Request(), Function());

        Assert.Equal(200, answer.Status);
        Assert.Equal("nosniff", answer.Headers.XContentTypeOptions.ToString());
        Assert.Equal("no-store", answer.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task A_refusal_carries_the_security_headers_too()
    {
        var answer = await RunAsync(unit.Request(), Function(CallerRequirement.OperatorOrSignedInUser));

        Assert.Equal(401, answer.Status);
        Assert.Equal("nosniff", answer.Headers.XContentTypeOptions.ToString());
        Assert.Equal("no-store", answer.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task A_rate_limited_function_beyond_the_ip_budget_is_too_many_requests_with_retry_after()
    {
        var limited = new UnitHttp(signInsPerMinute: 1);
        var function = Function(rateLimited: true);
        await limited.Pipeline.RunAsync(limited.Request(), function, Answers(TypedResults.NoContent()));

        var http = limited.Request();
        var invoked = false;
        var answer = await UnitHttp.WriteAsync(await limited.Pipeline.RunAsync(http, function, () => { invoked = true; return Task.FromResult<object?>(TypedResults.NoContent()); }), http);

        Assert.False(invoked);
        Assert.Equal(429, answer.Status);
        Assert.Equal("too_many_requests", answer.ErrorCode);
        Assert.True(int.Parse(answer.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
    }

    [Fact]
    public async Task A_function_that_is_not_rate_limited_does_not_count_against_the_budget()
    {
        var limited = new UnitHttp(signInsPerMinute: 1);

        await limited.Pipeline.RunAsync(limited.Request(), Function(), Answers(TypedResults.NoContent()));
        var http = limited.Request();
        var second = await UnitHttp.WriteAsync(await limited.Pipeline.RunAsync(http, Function(), Answers(TypedResults.NoContent())), http);

        Assert.Equal(204, second.Status);
    }

    [Fact]
    public async Task A_body_announced_over_64_KiB_is_invalid_request()
    {
        var http = unit.Request(json: "{}");
        http.Request.ContentLength = 65 * 1024;

        var answer = await RunAsync(http, Function());

        Assert.Equal(400, answer.Status);
        Assert.Equal("invalid_request", answer.ErrorCode);
        Assert.Equal("the body is over 64 KiB", answer.Json!["error"]!["details"]!["problem"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_json_body_that_is_not_utf8_is_invalid_request_before_the_function_runs()
    {
        var invoked = false;
        var http = unit.Request(rawBody: [(byte)'{', (byte)'"', 0xC3, (byte)'"', (byte)':', (byte)'1', (byte)'}']);

        var answer = await RunAsync(http, Function(), () => { invoked = true; return Task.FromResult<object?>(TypedResults.NoContent()); });

        Assert.False(invoked);
        Assert.Equal(400, answer.Status);
        Assert.Equal("invalid_request", answer.ErrorCode);
    }

    [Fact]
    public async Task A_function_that_requires_a_caller_is_unauthorized_without_credentials()
    {
        var answer = await RunAsync(unit.Request(), Function(CallerRequirement.OperatorOrSignedInUser));

        Assert.Equal(401, answer.Status);
        Assert.Equal("unauthorized", answer.ErrorCode);
    }

    [Fact]
    public async Task A_function_that_requires_a_caller_runs_for_the_operator_who_is_then_its_caller()
    {
        var http = unit.Request(asOperator: true);
        Core.Authorization.Caller? seen = null;

        var answer = await RunAsync(http, Function(CallerRequirement.OperatorOrSignedInUser), () =>
        {
            seen = http.Caller();
            return Task.FromResult<object?>(TypedResults.NoContent());
        });

        Assert.Equal(204, answer.Status);
        Assert.IsType<Core.Authorization.Caller.Operator>(seen);
    }

    [Fact]
    public async Task A_wrong_operator_key_is_unauthorized()
    {
        var http = unit.Request();
        http.Request.Headers["X-Operator-Key"] = "not-the-key";

        var answer = await RunAsync(http, Function(CallerRequirement.Operator));

        Assert.Equal(401, answer.Status);
    }

    [Fact]
    public async Task A_body_field_of_the_wrong_type_is_named()
    {
        var http = unit.Request(json: """{"login":12,"password":"x","portal":"employee"}""");

        var answer = await RunAsync(http, Function(body: new JsonBody(typeof(Contracts.LoginBody), Optional: false, ParsedByPipeline: true)));

        Assert.Equal(400, answer.Status);
        Assert.Equal("login", answer.Field);
    }

    [Fact]
    public async Task A_body_cut_short_is_not_valid_json_rather_than_a_field_at_fault()
    {
        var http = unit.Request(json: """{"login":""");

        var answer = await RunAsync(http, Function(body: new JsonBody(typeof(Contracts.LoginBody), Optional: false, ParsedByPipeline: true)));

        Assert.Equal(400, answer.Status);
        Assert.Null(answer.Field);
        Assert.Equal("the body is not valid JSON", answer.Json!["error"]!["details"]!["problem"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_parsed_body_is_handed_to_the_function()
    {
        var http = unit.Request(json: """{"login":"jean","password":"x","portal":"employee"}""");
        object? body = null;

        await RunAsync(http, Function(body: new JsonBody(typeof(Contracts.LoginBody), false, true)), () =>
        {
            body = RequestBody.Parsed(http);
            return Task.FromResult<object?>(TypedResults.NoContent());
        });

        Assert.Equal("jean", Assert.IsType<Contracts.LoginBody>(body).Login);
    }

    [Fact]
    public async Task A_missing_required_body_is_invalid_request()
    {
        var answer = await RunAsync(unit.Request(), Function(body: new JsonBody(typeof(Contracts.LoginBody), false, true)));

        Assert.Equal(400, answer.Status);
        Assert.Equal("the body is missing or unreadable", answer.Json!["error"]!["details"]!["problem"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_optional_body_may_be_left_out()
    {
        var answer = await RunAsync(unit.Request(), Function(body: new JsonBody(typeof(Contracts.DeactivateBody), Optional: true, ParsedByPipeline: true)), Answers(TypedResults.NoContent()));

        Assert.Equal(204, answer.Status);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_invalid_request()
    {
        var http = unit.Request(json: "login=jean", contentType: "application/x-www-form-urlencoded");

        var answer = await RunAsync(http, Function(body: new JsonBody(typeof(Contracts.LoginBody), false, true)));

        Assert.Equal(400, answer.Status);
        Assert.Equal("the body must be JSON (Content-Type: application/json)", answer.Json!["error"]!["details"]!["problem"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unreachable_storage_is_service_unavailable()
    {
        var answer = await RunAsync(unit.Request(), Function(), Throws(new HttpRequestException("connection refused")));

        Assert.Equal(503, answer.Status);
        Assert.Equal("service_unavailable", answer.ErrorCode);
    }

    [Fact]
    public async Task A_storage_server_error_is_service_unavailable()
    {
        var answer = await RunAsync(unit.Request(), Function(), Throws(new Azure.RequestFailedException(503, "Server busy")));

        Assert.Equal(503, answer.Status);
    }

    [Fact]
    public async Task A_bug_is_a_logged_internal_error()
    {
        var answer = await RunAsync(unit.Request(), Function(), Throws(new InvalidOperationException("a bug")));

        Assert.Equal(500, answer.Status);
        Assert.Equal("internal_error", answer.ErrorCode);
        Assert.Contains(unit.Logs.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task A_body_the_server_could_not_read_is_invalid_request()
    {
        var answer = await RunAsync(unit.Request(), Function(), Throws(new Microsoft.AspNetCore.Http.BadHttpRequestException("too large", 413)));

        Assert.Equal(400, answer.Status);
        Assert.Equal("the body is over 64 KiB", answer.Json!["error"]!["details"]!["problem"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_function_result_that_is_not_an_http_result_is_a_logged_internal_error()
    {
        var answer = await RunAsync(unit.Request(), Function(), () => Task.FromResult<object?>("not a result"));

        Assert.Equal(500, answer.Status);
    }

    [Fact]
    public async Task Errors_speak_french_when_accept_language_prefers_it()
    {
        var french = await RunAsync(unit.Request(language: "fr-CA, en;q=0.5"), Function(CallerRequirement.Operator));
        var english = await RunAsync(unit.Request(language: "en, fr;q=0.5"), Function(CallerRequirement.Operator));

        Assert.Equal(ErrorCatalogue.MessageOf(Core.Errors.ErrorCode.Unauthorized, RequestLanguage.French), french.Message);
        Assert.Equal(ErrorCatalogue.MessageOf(Core.Errors.ErrorCode.Unauthorized, RequestLanguage.English), english.Message);
        Assert.NotEqual(french.Message, english.Message);
    }

    [Fact]
    public async Task The_function_runs_in_the_caller_s_language()
    {
        string? culture = null;

        await RunAsync(unit.Request(language: "fr"), Function(), () =>
        {
            culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
            return Task.FromResult<object?>(TypedResults.NoContent());
        });

        Assert.Equal("fr", culture);
    }

    private static void AnyMethodOfAFunction()
    {
    }
}
