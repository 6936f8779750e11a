using System.Text.Json;
using AccountAccess.Functions.Hosting;
using Microsoft.DurableTask;

namespace AccountAccess.StandaloneHost.Durable;

/// <summary>An <c>[OrchestrationTrigger]</c> function as the Durable Task worker runs an orchestrator.</summary>
internal sealed class FunctionOrchestrator(FunctionEntry function, FunctionInvoker invoker, IServiceProvider services) : ITaskOrchestrator
{
    /// <summary>Read as JSON, and turned into what the function asks for by <see cref="FunctionOrchestrationContext"/>.</summary>
    public Type InputType => typeof(JsonElement?);

    public Type OutputType => FunctionActivity.ResultTypeOf(function);

    public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) =>
        invoker.InvokeAsync(function, services, new TriggerInput(null, new FunctionOrchestrationContext(context, (JsonElement?)input), CancellationToken.None));
}
