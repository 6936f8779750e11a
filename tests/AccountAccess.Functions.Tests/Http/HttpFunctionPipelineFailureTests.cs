using System.Reflection;
using System.Text.Json;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using AccountAccess.Functions.Tests.Infrastructure;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace AccountAccess.Functions.Tests.Http;

/// <summary>
/// What escapes an HTTP function, as the shared pipeline answers it: a storage outage however it is wrapped is 503, a
/// storage error that is not an outage is a bug (500), and what cannot be answered any more (the client left, the answer
/// has started) is left to the host.
/// </summary>
public sealed class HttpFunctionPipelineFailureTests
{
    private static readonly MethodInfo AnyMethod = typeof(HttpFunctionPipelineFailureTests).GetMethod(nameof(AnyMethodOfAFunction), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly FunctionEntry Function = new("TestFunction", AnyMethod, new FunctionTrigger.Http("test", ["POST"]), HttpRules.None);

    private readonly UnitHttp unit = new();

    private static Func<Task<object?>> Throws(Exception exception) => () => Task.FromException<object?>(exception);

    private async Task<UnitHttp.Answer> RunAsync(HttpContext http, Exception thrown) =>
        await UnitHttp.WriteAsync(await unit.Pipeline.RunAsync(http, Function, Throws(thrown)), http);

    [Fact]
    public async Task A_storage_outage_wrapped_by_the_host_is_still_service_unavailable()
    {
        var answer = await RunAsync(unit.Request(), new InvalidOperationException("invocation failed", new HttpRequestException("connection refused")));

        Assert.Equal(503, answer.Status);
        Assert.Equal("service_unavailable", answer.ErrorCode);
    }

    [Fact]
    public async Task Parallel_storage_calls_that_all_failed_to_connect_are_service_unavailable()
    {
        var thrown = new AggregateException(new HttpRequestException("refused"), new RequestFailedException(0, "no response"));

        var answer = await RunAsync(unit.Request(), thrown);

        Assert.Equal(503, answer.Status);
    }

    [Fact]
    public async Task Parallel_calls_of_which_one_failed_for_another_reason_are_an_internal_error()
    {
        var thrown = new AggregateException(new HttpRequestException("refused"), new InvalidOperationException("a bug"));

        var answer = await RunAsync(unit.Request(), thrown);

        Assert.Equal(500, answer.Status);
        Assert.Equal("internal_error", answer.ErrorCode);
    }

    [Fact]
    public async Task A_storage_answer_that_is_not_a_server_error_is_a_bug_not_an_outage()
    {
        var answer = await RunAsync(unit.Request(), new RequestFailedException(409, "EntityAlreadyExists"));

        Assert.Equal(500, answer.Status);
        Assert.Equal("internal_error", answer.ErrorCode);
    }

    [Fact]
    public async Task A_storage_outage_is_logged_as_an_error()
    {
        await RunAsync(unit.Request(), new RequestFailedException(503, "Server busy"));

        Assert.Contains(unit.Logs.Entries, e => e.Level == LogLevel.Error && e.Exception is RequestFailedException);
    }

    [Fact]
    public async Task The_answer_to_a_failure_says_nothing_of_the_exception()
    {
        var answer = await RunAsync(unit.Request(), new InvalidOperationException("secret-connection-string-in-message"));

        Assert.DoesNotContain("secret-connection-string", answer.Json!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StatusCodes.Status415UnsupportedMediaType, "the body must be JSON (Content-Type: application/json)")]
    [InlineData(StatusCodes.Status400BadRequest, "the body is missing or unreadable")]
    public async Task A_body_the_server_could_not_read_is_invalid_request_saying_why(int status, string problem)
    {
        var answer = await RunAsync(unit.Request(), new BadHttpRequestException("unreadable", status));

        Assert.Equal(400, answer.Status);
        Assert.Equal(problem, answer.Json!["error"]!["details"]!["problem"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_the_server_could_not_deserialize_is_invalid_json()
    {
        var answer = await RunAsync(unit.Request(), new BadHttpRequestException("bad json", 400, new JsonException("'x' is invalid")));

        Assert.Equal("the body is not valid JSON", answer.Json!["error"]!["details"]!["problem"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failure_after_the_client_left_is_not_answered_but_left_to_the_host()
    {
        using var aborted = new CancellationTokenSource();
        var http = unit.Request();
        http.RequestAborted = aborted.Token;
        await aborted.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => unit.Pipeline.RunAsync(http, Function, Throws(new OperationCanceledException(aborted.Token))));
        Assert.DoesNotContain(unit.Logs.Entries, e => e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task A_failure_once_the_answer_has_started_is_left_to_the_host()
    {
        var http = unit.Request();
        http.Features.Set<IHttpResponseFeature>(new StartedResponse());

        await Assert.ThrowsAsync<InvalidOperationException>(() => unit.Pipeline.RunAsync(http, Function, Throws(new InvalidOperationException("a bug"))));
    }

    private static void AnyMethodOfAFunction()
    {
    }

    private sealed class StartedResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }
}
