using System.Reflection;
using AccountAccess.Functions.Durable;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using AccountAccess.StandaloneHost.Durable;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace AccountAccess.StandaloneHost;

/// <summary>
/// Calls a function the way the isolated worker does: a new instance of its class per invocation, built from the
/// invocation's service scope (<c>ActivatorUtilities</c>, as the worker's default activator does), and each parameter
/// bound from the trigger — the request, the <c>[FromBody]</c> body, route values by name, the timer or queue message,
/// the cancellation token, the <c>[DurableClient]</c> (this host's <see cref="TaskHubClient"/>, also handed to the
/// invocation's <see cref="BoundDurableClient"/> as the worker's middleware does). Every function's parameters are checked
/// when the host starts: a binding this host does not know stops it, naming the function, rather than failing at the first call.
/// </summary>
public sealed class FunctionInvoker
{
    private readonly Dictionary<string, Plan> plans;

    public FunctionInvoker(FunctionCatalogue catalogue)
        : this(catalogue.All)
    {
    }

    /// <summary>For unit tests: functions of their own, outside the app's catalogue.</summary>
    internal FunctionInvoker(IEnumerable<FunctionEntry> functions) =>
        plans = functions.ToDictionary(function => function.Name, PlanFor, StringComparer.Ordinal);

    public async Task<object?> InvokeAsync(FunctionEntry function, IServiceProvider services, TriggerInput input)
    {
        var plan = plans[function.Name];

        // As the worker's DurableClientMiddleware does under the Functions host: the ports that start workflows use the
        // client of the function's own [DurableClient] parameter, and none when it declares none. (An orchestrator does no
        // I/O, and runs on the engine's services, not an invocation's scope.)
        if (function.Trigger is not FunctionTrigger.Orchestration)
        {
            services.GetService<BoundDurableClient>()?.Set(function.Name, plan.HasDurableClient ? services.GetRequiredService<TaskHubClient>() : null);
        }

        var instance = plan.Create?.Invoke(services, []);
        var arguments = plan.Arguments.Select(bind => bind(input with { Services = services })).ToArray();
        object? returned;
        try
        {
            returned = function.Method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException thrown) when (thrown.InnerException is { } inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
            throw;
        }

        if (returned is not Task task)
        {
            return returned;
        }

        await task;
        return plan.TaskResult?.GetValue(task);
    }

    private static Plan PlanFor(FunctionEntry function)
    {
        var method = function.Method;
        var create = method.IsStatic ? null : ActivatorUtilities.CreateFactory(method.DeclaringType!, []);
        var returnType = method.ReturnType;
        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>) || returnType == typeof(ValueTask))
        {
            throw new InvalidOperationException($"Function {function.Name} returns a ValueTask: return a Task (or a value) instead.");
        }

        var taskResult = typeof(Task).IsAssignableFrom(returnType) && returnType.IsGenericType ? returnType.GetProperty(nameof(Task<object>.Result)) : null;
        var hasDurableClient = method.GetParameters().Any(parameter => parameter.GetCustomAttribute<DurableClientAttribute>() is not null);
        return new Plan(create, method.GetParameters().Select(parameter => BinderFor(function, parameter)).ToArray(), taskResult, hasDurableClient);
    }

    private static Func<TriggerInput, object?> BinderFor(FunctionEntry function, ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (type == typeof(CancellationToken))
        {
            return input => input.CancellationToken;
        }

        if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is not null && type == typeof(HttpRequest))
        {
            return input => input.Http!.Request;
        }

        if (parameter.GetCustomAttribute<FromBodyAttribute>() is not null)
        {
            return input => RequestBody.Parsed(input.Http!);
        }

        if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is not null && type == typeof(TimerInfo))
        {
            return input => input.TriggerValue;
        }

        if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is not null)
        {
            if (type == typeof(QueueMessage))
            {
                return input => input.TriggerValue;
            }

            if (type == typeof(string))
            {
                return input => ((QueueMessage)input.TriggerValue!).MessageText;
            }
        }

        if (parameter.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null && type == typeof(Microsoft.DurableTask.TaskOrchestrationContext))
        {
            return input => input.TriggerValue;
        }

        if (parameter.GetCustomAttribute<ActivityTriggerAttribute>() is not null)
        {
            // The engine has deserialized the activity's input into the parameter's type (FunctionActivity.InputType).
            return input => input.TriggerValue;
        }

        if (parameter.GetCustomAttribute<DurableClientAttribute>() is not null && type == typeof(Microsoft.DurableTask.Client.DurableTaskClient))
        {
            return input => input.Services.GetRequiredService<TaskHubClient>();
        }

        if (function.Trigger is FunctionTrigger.Http http && type == typeof(string) && http.Route.Contains("{" + parameter.Name, StringComparison.Ordinal))
        {
            // A route parameter, bound by name as the worker binds the trigger's binding data.
            return input => input.Http!.Request.RouteValues[parameter.Name!]?.ToString();
        }

        throw new InvalidOperationException(
            $"Function {function.Name}: the standalone host cannot bind parameter '{parameter.Name}' ({type.Name}). It binds the trigger "
            + "(HttpRequest, TimerInfo, QueueMessage or string, TaskOrchestrationContext, an activity's input), [FromBody], [DurableClient] "
            + "DurableTaskClient, string route parameters and CancellationToken.");
    }

    private sealed record Plan(ObjectFactory? Create, Func<TriggerInput, object?>[] Arguments, PropertyInfo? TaskResult, bool HasDurableClient);
}
