using System.Reflection;
using System.Text;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using AccountAccess.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AccountAccess.Functions.Tests.Http;

/// <summary>
/// The request body rules of API.md ("Conventions") at their edges, run by the shared pipeline on a
/// <see cref="DefaultHttpContext"/>: the 64 KiB limit, bodies without a length, JSON that is cut short or of the wrong
/// shape deep down, and the raw body a function reads itself.
/// </summary>
public sealed class HttpFunctionPipelineBodyTests
{
    private static readonly MethodInfo AnyMethod = typeof(HttpFunctionPipelineBodyTests).GetMethod(nameof(AnyMethodOfAFunction), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly UnitHttp unit = new();

    private static FunctionEntry Reading<T>(bool parsedByPipeline = true) =>
        new("TestFunction", AnyMethod, new FunctionTrigger.Http("test", ["POST"]), new HttpRules(CallerRequirement.Anyone, false, new JsonBody(typeof(T), Optional: false, parsedByPipeline)));

    private async Task<(UnitHttp.Answer Answer, object? Body)> RunAsync(HttpContext http, FunctionEntry function)
    {
        object? body = null;
        var result = await unit.Pipeline.RunAsync(http, function, () =>
        {
            body = RequestBody.Parsed(http);
            return Task.FromResult<object?>(TypedResults.NoContent());
        });
        return (await UnitHttp.WriteAsync(result, http), body);
    }

    /// <summary><c>{"name":"xxx…"}</c> of exactly <paramref name="bytes"/> bytes.</summary>
    private static string NameBodyOf(int bytes)
    {
        const string Frame = """{"name":""}""";
        return Frame.Insert(9, new string('x', bytes - Frame.Length));
    }

    private static string? Problem(UnitHttp.Answer answer) => answer.Json?["error"]?["details"]?["problem"]?.GetValue<string>();

    [Fact]
    public async Task A_body_of_exactly_64_KiB_is_read()
    {
        var json = NameBodyOf(RequestBody.MaxBytes);

        var (answer, body) = await RunAsync(unit.Request(json: json), Reading<NameBody>());

        Assert.Equal(204, answer.Status);
        Assert.Equal(RequestBody.MaxBytes - """{"name":""}""".Length, Assert.IsType<NameBody>(body).Name!.Length);
    }

    [Fact]
    public async Task A_body_one_byte_over_64_KiB_is_invalid_request()
    {
        var (answer, body) = await RunAsync(unit.Request(json: NameBodyOf(RequestBody.MaxBytes + 1)), Reading<NameBody>());

        Assert.Equal(400, answer.Status);
        Assert.Equal("invalid_request", answer.ErrorCode);
        Assert.Equal("the body is over 64 KiB", Problem(answer));
        Assert.Null(body);
    }

    [Fact]
    public async Task The_server_is_told_to_read_no_more_than_64_KiB_of_a_body_whose_length_is_not_announced()
    {
        var http = unit.Request();
        var limit = new BodySizeLimit(30_000_000);
        http.Features.Set<IHttpMaxRequestBodySizeFeature>(limit);

        await RunAsync(http, Reading<NameBody>());

        Assert.Equal(RequestBody.MaxBytes, limit.MaxRequestBodySize);
    }

    [Fact]
    public async Task A_chunked_body_without_a_length_is_read()
    {
        var http = unit.Request(json: """{"name":"Kitchen"}""");
        http.Request.ContentLength = null;
        http.Request.Headers.TransferEncoding = "chunked";

        var (answer, body) = await RunAsync(http, Reading<NameBody>());

        Assert.Equal(204, answer.Status);
        Assert.Equal("Kitchen", Assert.IsType<NameBody>(body).Name);
    }

    [Fact]
    public async Task A_json_null_body_is_a_missing_body()
    {
        var (answer, _) = await RunAsync(unit.Request(json: "null"), Reading<NameBody>());

        Assert.Equal(400, answer.Status);
        Assert.Equal("the body is missing or unreadable", Problem(answer));
    }

    [Fact]
    public async Task Json_cut_short_is_invalid_request()
    {
        var (answer, body) = await RunAsync(unit.Request(json: """{"login":"""), Reading<LoginBody>());

        Assert.Equal(400, answer.Status);
        Assert.Equal("invalid_request", answer.ErrorCode);
        Assert.Null(body);
    }

    [Fact]
    public async Task A_body_that_is_not_json_at_all_is_invalid_request_without_a_field()
    {
        var (answer, _) = await RunAsync(unit.Request(json: "login=jean"), Reading<LoginBody>());

        Assert.Equal(400, answer.Status);
        Assert.Equal("the body is not valid JSON", Problem(answer));
        Assert.Null(answer.Field);
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_inside_a_nested_object_is_named_by_its_path()
    {
        var http = unit.Request(json: """{"name":"Acme","policy":{"maxFailedAttempts":"six"}}""");

        var (answer, _) = await RunAsync(http, Reading<CreateOrganizationBody>());

        Assert.Equal(400, answer.Status);
        Assert.Equal("policy.maxFailedAttempts", answer.Field);
    }

    [Fact]
    public async Task A_number_written_as_a_string_is_the_wrong_type()
    {
        var http = unit.Request(json: """{"name":"Acme","policy":{"maxFailedAttempts":"6"}}""");

        var (answer, _) = await RunAsync(http, Reading<CreateOrganizationBody>());

        Assert.Equal("policy.maxFailedAttempts", answer.Field);
    }

    [Fact]
    public async Task A_value_outside_a_closed_set_is_named()
    {
        var http = unit.Request(json: """{"login":"jean","password":"x","portal":"kitchen"}""");

        var (answer, _) = await RunAsync(http, Reading<LoginBody>());

        Assert.Equal(400, answer.Status);
        Assert.Equal("portal", answer.Field);
    }

    [Fact]
    public async Task A_function_that_reads_its_raw_body_reads_it_whole_after_the_utf8_check()
    {
        const string Json = """{"id":"evt_1","type":"invoice.paid"}""";
        var http = unit.Request(json: Json);
        string? read = null;

        var result = await unit.Pipeline.RunAsync(http, Reading<BillingEventBody>(parsedByPipeline: false), async () =>
        {
            read = await new StreamReader(http.Request.Body, Encoding.UTF8).ReadToEndAsync();
            return TypedResults.NoContent();
        });

        Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.NoContent>(result);
        Assert.Equal(Json, read);
    }

    [Fact]
    public async Task A_raw_body_that_is_not_utf8_is_refused_before_the_function_reads_it()
    {
        var invoked = false;
        var http = unit.Request(rawBody: [(byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}']);

        var result = await unit.Pipeline.RunAsync(http, Reading<BillingEventBody>(parsedByPipeline: false), () =>
        {
            invoked = true;
            return Task.FromResult<object?>(TypedResults.NoContent());
        });
        var answer = await UnitHttp.WriteAsync(result, http);

        Assert.False(invoked);
        Assert.Equal(400, answer.Status);
        Assert.Equal("the body is not valid UTF-8 JSON", Problem(answer));
    }

    private static void AnyMethodOfAFunction()
    {
    }

    private sealed class BodySizeLimit(long? initial) : IHttpMaxRequestBodySizeFeature
    {
        public bool IsReadOnly => false;

        public long? MaxRequestBodySize { get; set; } = initial;
    }
}
