using AccountAccess.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Worker;

/// <summary>
/// Under the Functions host, hands the client the host bound to a function's <c>[DurableClient]</c> parameter to the
/// ports that start and signal workflows (<see cref="BoundDurableClient"/>), before the function runs. The binding is
/// converted once: the function's own parameter gets the same client from the worker's binding cache.
/// </summary>
public sealed class DurableClientMiddleware : IFunctionsWorkerMiddleware
{
    /// <summary>The binding type the worker SDK writes into functions.metadata for <c>[DurableClient]</c>.</summary>
    public const string BindingType = "durableClient";

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var binding = context.FunctionDefinition.InputBindings.Values
            .FirstOrDefault(b => string.Equals(b.Type, BindingType, StringComparison.OrdinalIgnoreCase));
        var client = binding is null ? null : (await context.BindInputAsync<DurableTaskClient>(binding)).Value;
        context.InstanceServices.GetRequiredService<BoundDurableClient>().Set(context.FunctionDefinition.Name, client);
        await next(context);
    }
}
