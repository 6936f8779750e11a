using AccountAccess.Functions.Hosting;
using Microsoft.DurableTask;

namespace AccountAccess.StandaloneHost.Durable;

/// <summary>An <c>[ActivityTrigger]</c> function as the Durable Task worker runs an activity: a new service scope per run.</summary>
internal sealed class FunctionActivity(FunctionEntry function, FunctionInvoker invoker, IServiceScopeFactory scopes) : ITaskActivity
{
    public Type InputType => ((FunctionTrigger.Activity)function.Trigger).InputType;

    public Type OutputType => ResultTypeOf(function);

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await invoker.InvokeAsync(function, scope.ServiceProvider, new TriggerInput(null, input, CancellationToken.None));
    }

    /// <summary>What a function's result is once awaited: T of <c>Task&lt;T&gt;</c>, nothing for <c>Task</c>.</summary>
    public static Type ResultTypeOf(FunctionEntry function)
    {
        var type = function.Method.ReturnType;
        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>) ? type.GetGenericArguments()[0]
            : type == typeof(Task) || type == typeof(void) ? typeof(object)
            : type;
    }
}
