using System.Reflection;
using AccountAccess.Functions.Hosting;
using AccountAccess.StandaloneHost;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using NCrontab;

namespace AccountAccess.Functions.Tests.Hosting;

/// <summary>
/// The triggers of the app's functions, checked against the attributes themselves rather than through the catalogue:
/// each <c>[Function]</c> has one trigger and is catalogued; routes do not collide; every schedule and connection
/// resolves with nothing configured, as the standalone host resolves them.
/// </summary>
public sealed class FunctionCatalogueTriggerTests
{
    private static readonly Type[] TriggerAttributes =
        [typeof(HttpTriggerAttribute), typeof(TimerTriggerAttribute), typeof(QueueTriggerAttribute), typeof(OrchestrationTriggerAttribute), typeof(ActivityTriggerAttribute)];

    private static readonly AppSettings NothingConfigured = new(new ConfigurationBuilder().Build());

    private static IEnumerable<MethodInfo> FunctionMethods =>
        typeof(FunctionCatalogue).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(method => method.GetCustomAttribute<FunctionAttribute>() is not null);

    [Fact]
    public void Every_function_method_has_exactly_one_trigger_parameter()
    {
        Assert.All(FunctionMethods, method =>
        {
            var triggers = method.GetParameters().SelectMany(p => p.GetCustomAttributes()).Count(a => TriggerAttributes.Contains(a.GetType()));
            Assert.True(triggers == 1, $"{method.DeclaringType!.Name}.{method.Name} has {triggers} trigger parameters");
        });
    }

    [Fact]
    public void Every_function_method_is_in_the_catalogue()
    {
        var catalogued = FunctionCatalogue.App.All.Select(f => f.Method).ToHashSet();

        Assert.All(FunctionMethods, method => Assert.Contains(method, catalogued));
        Assert.Equal(FunctionMethods.Count(), FunctionCatalogue.App.All.Count);
    }

    [Fact]
    public void No_two_http_functions_answer_the_same_method_on_the_same_route()
    {
        // {userId} and {orgId} in the same place are the same route template to a router.
        var shapes = FunctionCatalogue.App.Http
            .SelectMany(f => ((FunctionTrigger.Http)f.Trigger).Methods.Select(method => (f.Name, Key: method + " " + Shape(((FunctionTrigger.Http)f.Trigger).Route))))
            .ToList();

        var collisions = shapes.GroupBy(s => s.Key).Where(g => g.Count() > 1).Select(g => g.Key + ": " + string.Join(", ", g.Select(s => s.Name)));

        Assert.Empty(collisions);

        static string Shape(string route) => string.Join('/', route.ToLowerInvariant().Split('/').Select(segment => segment.StartsWith('{') ? "{}" : segment));
    }

    [Fact]
    public void Every_route_sits_below_the_host_s_route_prefix_without_repeating_it()
    {
        Assert.All(FunctionCatalogue.App.Http, f =>
        {
            var route = ((FunctionTrigger.Http)f.Trigger).Route;
            Assert.False(route.StartsWith('/') || route.StartsWith("api/", StringComparison.OrdinalIgnoreCase), $"{f.Name}: {route}");
        });
    }

    [Fact]
    public void Every_timer_schedule_is_an_app_setting_with_a_six_field_default()
    {
        var timers = FunctionCatalogue.App.All.Where(f => f.Trigger is FunctionTrigger.Timer).ToList();

        Assert.NotEmpty(timers);
        Assert.All(timers, f =>
        {
            var schedule = ((FunctionTrigger.Timer)f.Trigger).Schedule;
            Assert.Matches("^%[^%]+%$", schedule);
            var expression = NothingConfigured.Resolve(schedule);
            Assert.NotNull(CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true }));
        });
    }

    [Fact]
    public void Every_queue_function_reads_through_the_storage_connection_which_has_a_default()
    {
        var queues = FunctionCatalogue.App.All.Where(f => f.Trigger is FunctionTrigger.Queue).ToList();

        Assert.NotEmpty(queues);
        Assert.All(queues, f => Assert.Equal(AppSettingDefaults.StorageConnection, ((FunctionTrigger.Queue)f.Trigger).Connection));
        Assert.Equal("UseDevelopmentStorage=true", NothingConfigured.Value(AppSettingDefaults.StorageConnection));
    }

    [Fact]
    public void Only_http_functions_carry_http_rules()
    {
        Assert.All(FunctionCatalogue.App.All.Where(f => f.Trigger is not FunctionTrigger.Http), f => Assert.Same(AccountAccess.Functions.Http.HttpRules.None, f.Http));
    }
}
