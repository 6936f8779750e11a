using AccountAccess.Functions.Orchestrations.BillingReactivations;
using AccountAccess.Functions.Orchestrations.BillingSuspensionNotices;
using AccountAccess.Functions.Orchestrations.MemberIndexRebuilds;
using AccountAccess.Functions.Orchestrations.PasswordRotations;
using AccountAccess.Functions.Orchestrations.ResetLinks;

namespace AccountAccess.Functions.Orchestrations;

/// <summary>
/// The app's orchestrations by the name operators use, and the instance-id prefix that ties an instance to what it is
/// about (<c>reset-link:{userId}</c>): <c>GET /api/workflows/ResetLink/{userId}</c> reads instance <c>reset-link:{userId}</c>.
/// </summary>
public static class DurableWorkflows
{
    public static IReadOnlyDictionary<string, string> InstancePrefixes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ResetLinkOrchestrator.Name] = DurableResetLinkTracker.InstancePrefix,
        [PasswordRotationOrchestrator.Name] = DurablePasswordRotationTracker.InstancePrefix,
        [BillingReactivationOrchestrator.Name] = DurableBillingWorkflows.ReactivationPrefix,
        [BillingSuspensionNoticeOrchestrator.Name] = DurableBillingWorkflows.SuspensionNoticePrefix,
        [MemberIndexRebuildOrchestrator.Name] = DurableMemberIndexWorkflows.InstancePrefix,
    };

    /// <summary>The workflow and the id it is about, for a task-hub instance id, or null for one of another kind.</summary>
    public static (string Workflow, string InstanceId)? Describe(string durableInstanceId) =>
        InstancePrefixes.FirstOrDefault(p => durableInstanceId.StartsWith(p.Value, StringComparison.Ordinal)) is { Key: not null } found
            ? (found.Key, durableInstanceId[found.Value.Length..])
            : null;
}
