using AccountAccess.Functions.Orchestrations.ResetLinks;

namespace AccountAccess.Functions.Orchestrations;

/// <summary>
/// The workflows that run as Durable Functions orchestrations, by the name operators use, and the instance-id prefix that
/// ties an instance to what it is about (<c>reset-link:{userId}</c>). The others still run on the older workflow runtime
/// until they move.
/// </summary>
public static class DurableWorkflows
{
    public static IReadOnlyDictionary<string, string> InstancePrefixes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ResetLinkOrchestrator.Name] = DurableResetLinkTracker.InstancePrefix,
    };

    /// <summary>The workflow and the id it is about, for a task-hub instance id, or null for one of another kind.</summary>
    public static (string Workflow, string InstanceId)? Describe(string durableInstanceId) =>
        InstancePrefixes.FirstOrDefault(p => durableInstanceId.StartsWith(p.Value, StringComparison.Ordinal)) is { Key: not null } found
            ? (found.Key, durableInstanceId[found.Value.Length..])
            : null;
}
