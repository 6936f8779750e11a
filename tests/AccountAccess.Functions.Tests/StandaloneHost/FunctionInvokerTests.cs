using System.Reflection;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using AccountAccess.StandaloneHost;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAccess.Functions.Tests.StandaloneHost;

/// <summary>The standalone host calls a function as the isolated worker does: a new instance, each parameter bound from the trigger.</summary>
public sealed class FunctionInvokerTests
{
    private readonly ServiceProvider services = new ServiceCollection().AddSingleton(new Probe()).BuildServiceProvider();

    private static FunctionEntry Entry(string method, FunctionTrigger trigger) =>
        new(method, typeof(ProbeFunctions).GetMethod(method)!, trigger, HttpRules.None);

    [Fact]
    public void Every_function_of_the_app_can_be_bound_by_the_standalone_host()
    {
        var invoker = new FunctionInvoker(FunctionCatalogue.App);

        Assert.NotNull(invoker);
    }

    [Fact]
    public async Task An_http_function_gets_the_request_its_route_values_by_name_and_the_cancellation_token()
    {
        var function = Entry(nameof(ProbeFunctions.Http), new FunctionTrigger.Http("users/{userId}", ["GET"]));
        var http = new DefaultHttpContext();
        http.Request.RouteValues["userId"] = "usr_1";
        using var cancel = new CancellationTokenSource();

        var result = await new FunctionInvoker([function]).InvokeAsync(function, services, new TriggerInput(http, null, cancel.Token));

        var probe = services.GetRequiredService<Probe>();
        Assert.Same(http.Request, probe.Request);
        Assert.Equal("usr_1", probe.UserId);
        Assert.Equal(cancel.Token, probe.Token);
        Assert.Equal("done", result);
    }

    [Fact]
    public async Task A_from_body_parameter_gets_the_body_the_pipeline_parsed()
    {
        var function = Entry(nameof(ProbeFunctions.Body), new FunctionTrigger.Http("body", ["POST"]));
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Body = new MemoryStream("""{"reason":"manual"}"""u8.ToArray());
        http.Request.ContentLength = http.Request.Body.Length;
        http.Request.ContentType = "application/json";
        await RequestBody.ParseAsync(http.Request, new JsonBody(typeof(Contracts.DeactivateBody), false, true), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));

        await new FunctionInvoker([function]).InvokeAsync(function, services, new TriggerInput(http, null, default));

        Assert.Equal("manual", services.GetRequiredService<Probe>().Body?.Reason);
    }

    [Fact]
    public async Task A_timer_function_gets_its_timer_info()
    {
        var function = Entry(nameof(ProbeFunctions.Timer), new FunctionTrigger.Timer("0 * * * * *", false));
        var timer = new TimerInfo { IsPastDue = true };

        await new FunctionInvoker([function]).InvokeAsync(function, services, new TriggerInput(null, timer, default));

        Assert.Same(timer, services.GetRequiredService<Probe>().Timer);
    }

    [Fact]
    public async Task A_queue_function_gets_the_message_or_its_text()
    {
        var message = QueuesModelFactory.QueueMessage("id-1", "receipt", BinaryData.FromString("hello"), dequeueCount: 3);
        var whole = Entry(nameof(ProbeFunctions.QueueMessage), new FunctionTrigger.Queue("q", null));
        var text = Entry(nameof(ProbeFunctions.QueueText), new FunctionTrigger.Queue("q", null));
        var invoker = new FunctionInvoker([whole, text]);

        await invoker.InvokeAsync(whole, services, new TriggerInput(null, message, default));
        await invoker.InvokeAsync(text, services, new TriggerInput(null, message, default));

        var probe = services.GetRequiredService<Probe>();
        Assert.Equal(3, probe.Message!.DequeueCount);
        Assert.Equal("hello", probe.Text);
    }

    [Fact]
    public async Task What_a_function_throws_surfaces_as_it_is()
    {
        var function = Entry(nameof(ProbeFunctions.Fails), new FunctionTrigger.Timer("0 * * * * *", false));

        await Assert.ThrowsAsync<TimeoutException>(() => new FunctionInvoker([function]).InvokeAsync(function, services, new TriggerInput(null, new TimerInfo(), default)));
    }

    [Fact]
    public void A_parameter_the_host_cannot_bind_stops_it_at_start_up_naming_function_and_parameter()
    {
        var function = Entry(nameof(ProbeFunctions.Unbindable), new FunctionTrigger.Http("x", ["GET"]));

        var refused = Assert.Throws<InvalidOperationException>(() => new FunctionInvoker([function]));

        Assert.Contains(nameof(ProbeFunctions.Unbindable), refused.Message, StringComparison.Ordinal);
        Assert.Contains("'count'", refused.Message, StringComparison.Ordinal);
    }

    public sealed class Probe
    {
        public HttpRequest? Request { get; set; }

        public string? UserId { get; set; }

        public CancellationToken Token { get; set; }

        public Contracts.DeactivateBody? Body { get; set; }

        public TimerInfo? Timer { get; set; }

        public QueueMessage? Message { get; set; }

        public string? Text { get; set; }
    }

    /// <summary>Methods shaped as functions (without [Function], which belongs to the app alone).</summary>
    public sealed class ProbeFunctions(Probe probe)
    {
        public Task<string> Http([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/{userId}")] HttpRequest req, string userId, CancellationToken token)
        {
            (probe.Request, probe.UserId, probe.Token) = (req, userId, token);
            return Task.FromResult("done");
        }

        public void Body([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "body")] HttpRequest req, [Microsoft.Azure.Functions.Worker.Http.FromBody] Contracts.DeactivateBody body) =>
            probe.Body = body;

        public void Timer([TimerTrigger("0 * * * * *")] TimerInfo timer) => probe.Timer = timer;

        public Task QueueMessage([QueueTrigger("q")] QueueMessage message)
        {
            probe.Message = message;
            return Task.CompletedTask;
        }

        public void QueueText([QueueTrigger("q")] string message) => probe.Text = message;

        public Task Fails([TimerTrigger("0 * * * * *")] TimerInfo timer) => throw new TimeoutException("slow");

        public void Unbindable([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "x")] HttpRequest req, int count)
        {
        }
    }
}
