using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Tests.Infrastructure;
using AccountAccess.Functions.Worker;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Moq;

namespace AccountAccess.Functions.Tests.Worker;

/// <summary>
/// The worker middleware's other paths under the Functions host, with a mocked <see cref="FunctionContext"/> (the
/// HttpContext in <c>Items["HttpRequestContext"]</c>, as the ASP.NET Core integration leaves it): the per-IP budget and
/// an unreadable body refuse before the function runs; an HTTP invocation the catalogue does not know is left alone.
/// </summary>
public sealed class HttpFunctionMiddlewareRefusalTests
{
    private readonly UnitHttp unit = new(signInsPerMinute: 1);
    private object? invocationResult;

    private HttpFunctionMiddleware Middleware() =>
        new(FunctionCatalogue.App, unit.Pipeline, _ => invocationResult, (_, result) => invocationResult = result);

    private FunctionContext Context(string functionName, HttpContext http)
    {
        var context = new Mock<FunctionContext>();
        context.Setup(c => c.Items).Returns(new Dictionary<object, object> { ["HttpRequestContext"] = http });
        context.Setup(c => c.FunctionDefinition).Returns(Mock.Of<FunctionDefinition>(d => d.Name == functionName));
        context.Setup(c => c.Features).Returns(Mock.Of<IInvocationFeatures>());
        context.Setup(c => c.InstanceServices).Returns(unit.Services);
        return context.Object;
    }

    private HttpContext ForgotRequest() => unit.Request(json: """{"login":"jean"}""");

    // Sign-in applies its budgets itself, once it knows whether the request comes from a trusted device; forgot-password is
    // one of the functions whose per-IP budget the pipeline applies.
    [Fact]
    public async Task A_forgot_password_beyond_the_ip_budget_never_reaches_the_function_and_is_too_many_requests()
    {
        await Middleware().Invoke(Context("ForgotPassword", ForgotRequest()), _ => Task.CompletedTask);
        var ran = false;
        var http = ForgotRequest();

        await Middleware().Invoke(Context("ForgotPassword", http), _ => { ran = true; return Task.CompletedTask; });

        Assert.False(ran);
        Assert.Equal(Core.Errors.ErrorCode.TooManyRequests, Assert.IsType<ApiError>(invocationResult).Failure.Code);
        Assert.False(string.IsNullOrEmpty(http.Response.Headers.RetryAfter.ToString()));
    }

    [Fact]
    public async Task A_body_of_the_wrong_shape_never_reaches_the_function_and_names_the_field()
    {
        var ran = false;
        var http = unit.Request(json: """{"login":["jean"],"password":"x","portal":"employee"}""");

        await Middleware().Invoke(Context("Login", http), _ => { ran = true; return Task.CompletedTask; });

        Assert.False(ran);
        var error = Assert.IsType<ApiError>(invocationResult);
        Assert.Equal(Core.Errors.ErrorCode.InvalidRequest, error.Failure.Code);
        Assert.Equal("login", error.Failure.Details["field"]);
    }

    [Fact]
    public async Task An_http_invocation_of_a_function_the_catalogue_does_not_know_goes_straight_to_it()
    {
        var ran = false;
        var http = unit.Request(method: "GET");

        await Middleware().Invoke(Context("SomeoneElsesFunction", http), _ => { ran = true; return Task.CompletedTask; });

        Assert.True(ran);
        Assert.Null(invocationResult);
        Assert.False(http.Response.Headers.ContainsKey("X-Content-Type-Options"));
    }
}
