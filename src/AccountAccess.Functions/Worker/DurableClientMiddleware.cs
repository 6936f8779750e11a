using AccountAccess.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Context.Features;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Worker;

/// <summary>
/// Under the Functions host, hands the client the host bound to a function's <c>[DurableClient]</c> parameter to the
/// ports that start and signal workflows (<see cref="BoundDurableClient"/>), before the function runs. The client is the
/// function's own argument: the parameters are bound here, through the worker's input binding feature, which keeps the
/// result for the invocation. (<c>FunctionContext.BindInputAsync</c> would not do: it converts a binding without the
/// parameter's attribute, so without the Durable extension's converter.)
/// </summary>
public sealed class DurableClientMiddleware : IFunctionsWorkerMiddleware
{
    /// <summary>The binding type the worker SDK writes into functions.metadata for <c>[DurableClient]</c>.</summary>
    public const string BindingType = "durableClient";

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var definition = context.FunctionDefinition;
        var binding = definition.InputBindings.Values.FirstOrDefault(b => string.Equals(b.Type, BindingType, StringComparison.OrdinalIgnoreCase));
        DurableTaskClient? client = null;
        if (binding is not null && context.Features.Get<IFunctionInputBindingFeature>() is { } inputs)
        {
            var index = definition.Parameters.Select(p => p.Name).ToList().FindIndex(name => string.Equals(name, binding.Name, StringComparison.Ordinal));
            var arguments = await inputs.BindFunctionInputAsync(context);
            client = index >= 0 ? arguments.Values[index] as DurableTaskClient : null;
        }

        context.InstanceServices.GetRequiredService<BoundDurableClient>().Set(definition.Name, client);
        await next(context);
    }
}
