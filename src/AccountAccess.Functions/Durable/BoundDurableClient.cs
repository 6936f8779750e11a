using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Durable;

/// <summary>
/// The task hub's client for the function invocation in progress: the <see cref="DurableTaskClient"/> that the host bound
/// to the function's <c>[DurableClient]</c> parameter. Core starts, signals and queries workflows from deep inside its
/// services (<c>IResetLinkTracker</c>, <c>IPasswordRotationTracker</c>, <c>IBillingWorkflows</c>), while the isolated
/// worker hands out a client only as a function parameter (azure-functions-durable-extension#2736); so every function
/// that reaches a workflow declares that parameter, the invocation's middleware (<c>Worker/DurableClientMiddleware</c>,
/// or the standalone host's invoker) puts the bound client here, and the ports' implementations read it. One instance
/// per invocation (a scoped service): nothing of one invocation's client leaks into another's.
/// </summary>
public sealed class BoundDurableClient
{
    private DurableTaskClient? client;
    private string? function;

    /// <summary>The client bound to this invocation's <c>[DurableClient]</c> parameter.</summary>
    /// <exception cref="InvalidOperationException">The function declares no <c>[DurableClient]</c> parameter: a defect, named.</exception>
    public DurableTaskClient Client => client ?? throw new InvalidOperationException(
        $"Function {function ?? "(unknown)"} starts, signals or queries a workflow but declares no [DurableClient] DurableTaskClient parameter: "
        + "add one, so that the Functions host binds it and the workflow goes through the host's durable client.");

    /// <summary>
    /// Set once per invocation, before the function runs: its name (for the error above) and the client bound to its
    /// <c>[DurableClient]</c> parameter, or null when it declares none.
    /// </summary>
    public void Set(string functionName, DurableTaskClient? bound)
    {
        function = functionName;
        client = bound;
    }
}
