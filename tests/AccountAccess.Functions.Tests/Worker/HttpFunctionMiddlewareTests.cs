using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Tests.Infrastructure;
using AccountAccess.Functions.Worker;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Http.Converters;
using Moq;

namespace AccountAccess.Functions.Tests.Worker;

/// <summary>
/// The worker middleware that runs the shared HTTP pipeline under the Functions host, with a mocked
/// <see cref="FunctionContext"/> shaped as the ASP.NET Core integration leaves it (the HttpContext in
/// <c>Items["HttpRequestContext"]</c>). The real host cannot run on this machine, so this is where its path is tested.
/// </summary>
public sealed class HttpFunctionMiddlewareTests
{
    private readonly UnitHttp unit = new();
    private readonly Dictionary<object, object> items = [];
    private readonly Mock<IInvocationFeatures> features = new();
    private object? invocationResult;

    private HttpFunctionMiddleware Middleware() =>
        new(FunctionCatalogue.App, unit.Pipeline, _ => invocationResult, (_, result) => invocationResult = result);

    private FunctionContext Context(string functionName, HttpContext? http, IReadOnlyDictionary<string, object?>? bindingData = null)
    {
        if (http is not null)
        {
            items["HttpRequestContext"] = http;
        }

        var definition = new Mock<FunctionDefinition>();
        definition.Setup(d => d.Name).Returns(functionName);
        var context = new Mock<FunctionContext>();
        context.Setup(c => c.Items).Returns(items);
        context.Setup(c => c.FunctionDefinition).Returns(definition.Object);
        context.Setup(c => c.Features).Returns(features.Object);
        context.Setup(c => c.InstanceServices).Returns(unit.Services);
        if (bindingData is not null)
        {
            var binding = new Mock<BindingContext>();
            binding.Setup(b => b.BindingData).Returns(bindingData);
            context.Setup(c => c.BindingContext).Returns(binding.Object);
        }

        return context.Object;
    }

    [Fact]
    public async Task An_invocation_without_an_http_context_goes_straight_to_the_function()
    {
        var ran = false;

        await Middleware().Invoke(Context("SweepEndedLockouts", http: null), _ => { ran = true; return Task.CompletedTask; });

        Assert.True(ran);
        Assert.Null(invocationResult);
        features.Verify(f => f.Set(It.IsAny<IFromBodyConversionFeature>()), Times.Never);
    }

    [Fact]
    public async Task A_refused_invocation_never_reaches_the_function_and_its_error_is_the_invocation_result()
    {
        var ran = false;
        var http = unit.Request(method: "POST", json: """{"name":"x"}""");

        await Middleware().Invoke(Context("CreateOrganization", http), _ => { ran = true; return Task.CompletedTask; });

        Assert.False(ran);
        var error = Assert.IsType<ApiError>(invocationResult);
        Assert.Equal(Core.Errors.ErrorCode.Unauthorized, error.Failure.Code);
        Assert.Equal("nosniff", http.Response.Headers.XContentTypeOptions.ToString());
    }

    [Fact]
    public async Task A_running_invocation_leaves_the_function_s_result_as_the_invocation_result()
    {
        var http = unit.Request(method: "GET");
        var result = TypedResults.Ok("fine");

        await Middleware().Invoke(Context("Health", http), _ => { invocationResult = result; return Task.CompletedTask; });

        Assert.Same(result, invocationResult);
    }

    [Fact]
    public async Task A_failing_function_becomes_the_contract_s_error_answer()
    {
        var http = unit.Request(method: "GET");

        await Middleware().Invoke(Context("Health", http), _ => throw new HttpRequestException("storage down"));

        Assert.Equal(Core.Errors.ErrorCode.ServiceUnavailable, Assert.IsType<ApiError>(invocationResult).Failure.Code);
    }

    [Fact]
    public async Task The_from_body_parameter_gets_the_body_the_pipeline_read()
    {
        IFromBodyConversionFeature? conversion = null;
        features.Setup(f => f.Set(It.IsAny<IFromBodyConversionFeature>())).Callback<IFromBodyConversionFeature>(feature => conversion = feature);
        var http = unit.Request(json: """{"login":"jean","password":"Some-Password-1","portal":"employee"}""");
        var context = Context("Login", http);
        object? bound = null;

        await Middleware().Invoke(context, async c =>
        {
            bound = await conversion!.ConvertAsync(c, typeof(Contracts.LoginBody));
            invocationResult = TypedResults.NoContent();
        });

        Assert.Equal("jean", Assert.IsType<Contracts.LoginBody>(bound).Login);
    }

    [Fact]
    public async Task The_route_values_the_host_passes_as_binding_data_become_the_requests_route_values()
    {
        // The pipeline authorizes on {userId} before the body is read, under both hosts alike.
        var http = unit.Request(method: "POST", json: """{"newPassword":"x"}""");

        await Middleware().Invoke(Context("SetUserPassword", http, new Dictionary<string, object?> { ["userId"] = "usr_shared" }), _ => Task.CompletedTask);

        Assert.Equal("usr_shared", http.Request.RouteValues["userId"]);
    }
}
