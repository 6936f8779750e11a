using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using AccountAccess.StandaloneHost;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAccess.Functions.Tests.StandaloneHost;

/// <summary>
/// How the standalone host instantiates and calls a function, as the isolated worker does: a new instance of its class
/// per invocation, built from that invocation's service scope; what it returns (awaited when a Task); what it throws,
/// synchronously or from its task, surfaces as it is; a shape the worker would not run is refused at plan time.
/// </summary>
public sealed class FunctionInvokerLifecycleTests : IDisposable
{
    private static readonly FunctionTrigger EveryMinute = new FunctionTrigger.Timer("0 * * * * *", false);

    private readonly ServiceProvider services = new ServiceCollection().AddScoped<ScopedThing>().BuildServiceProvider(validateScopes: true);
    private readonly IServiceScope scope;

    public FunctionInvokerLifecycleTests() => scope = services.CreateScope();

    private static FunctionEntry Entry(string method) =>
        new(method, typeof(LifecycleFunctions).GetMethod(method)!, EveryMinute, HttpRules.None);

    private async Task<object?> InvokeAsync(FunctionEntry function, IServiceProvider scope) =>
        await new FunctionInvoker([function]).InvokeAsync(function, scope, new TriggerInput(null, new TimerInfo(), default));

    [Fact]
    public async Task Each_invocation_gets_a_new_instance_of_the_function_class()
    {
        var function = Entry(nameof(LifecycleFunctions.WhoAmI));

        var first = await InvokeAsync(function, scope.ServiceProvider);
        var second = await InvokeAsync(function, scope.ServiceProvider);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task The_function_class_is_built_from_the_invocation_s_service_scope()
    {
        var function = Entry(nameof(LifecycleFunctions.WhichScope));

        var thing = await InvokeAsync(function, scope.ServiceProvider);

        Assert.Same(scope.ServiceProvider.GetRequiredService<ScopedThing>(), thing);
    }

    [Fact]
    public async Task A_function_that_returns_a_plain_task_returns_nothing()
    {
        Assert.Null(await InvokeAsync(Entry(nameof(LifecycleFunctions.Nothing)), scope.ServiceProvider));
    }

    [Fact]
    public async Task A_function_that_returns_a_value_directly_returns_it()
    {
        Assert.Equal(42, await InvokeAsync(Entry(nameof(LifecycleFunctions.Answer)), scope.ServiceProvider));
    }

    [Fact]
    public async Task A_static_function_is_called_without_an_instance()
    {
        Assert.Equal("static", await InvokeAsync(Entry(nameof(LifecycleFunctions.Static)), scope.ServiceProvider));
    }

    [Fact]
    public async Task What_an_async_function_throws_after_its_first_await_surfaces_as_it_is()
    {
        var thrown = await Assert.ThrowsAsync<TimeoutException>(() => InvokeAsync(Entry(nameof(LifecycleFunctions.FailsLater)), scope.ServiceProvider));

        Assert.Equal("later", thrown.Message);
    }

    [Fact]
    public async Task What_a_function_throws_before_returning_its_task_keeps_its_own_stack_trace()
    {
        var thrown = await Assert.ThrowsAsync<TimeoutException>(() => InvokeAsync(Entry(nameof(LifecycleFunctions.FailsAtOnce)), scope.ServiceProvider));

        Assert.Contains(nameof(LifecycleFunctions.FailsAtOnce), thrown.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_that_returns_a_value_task_is_refused_at_plan_time_by_name()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new FunctionInvoker([Entry(nameof(LifecycleFunctions.Value))]));

        Assert.Contains(nameof(LifecycleFunctions.Value), refused.Message, StringComparison.Ordinal);
        Assert.Contains("ValueTask", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_function_class_whose_dependency_is_not_registered_fails_its_call_naming_the_dependency()
    {
        var function = new FunctionEntry(nameof(NeedsMissing.Run), typeof(NeedsMissing).GetMethod(nameof(NeedsMissing.Run))!, EveryMinute, HttpRules.None);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => InvokeAsync(function, scope.ServiceProvider));

        Assert.Contains(nameof(Unregistered), refused.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        scope.Dispose();
        services.Dispose();
    }

    public sealed class ScopedThing;

    public sealed class Unregistered;

    /// <summary>Methods shaped as functions (without [Function], which belongs to the app alone).</summary>
    public sealed class LifecycleFunctions(ScopedThing thing)
    {
        public Task<LifecycleFunctions> WhoAmI([TimerTrigger("0 * * * * *")] TimerInfo timer) => Task.FromResult(this);

        public Task<ScopedThing> WhichScope([TimerTrigger("0 * * * * *")] TimerInfo timer) => Task.FromResult(thing);

        public Task Nothing([TimerTrigger("0 * * * * *")] TimerInfo timer) => Task.CompletedTask;

        public int Answer([TimerTrigger("0 * * * * *")] TimerInfo timer) => 42;

        public static Task<string> Static([TimerTrigger("0 * * * * *")] TimerInfo timer) => Task.FromResult("static");

        public async Task FailsLater([TimerTrigger("0 * * * * *")] TimerInfo timer)
        {
            await Task.Yield();
            throw new TimeoutException("later");
        }

        public Task FailsAtOnce([TimerTrigger("0 * * * * *")] TimerInfo timer) => throw new TimeoutException("at once");

        public ValueTask Value([TimerTrigger("0 * * * * *")] TimerInfo timer) => ValueTask.CompletedTask;
    }

    public sealed class NeedsMissing(Unregistered missing)
    {
        public Task Run([TimerTrigger("0 * * * * *")] TimerInfo timer) => Task.FromResult(missing);
    }
}
