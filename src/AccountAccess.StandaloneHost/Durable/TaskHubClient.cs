using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using CoreOrchestrationQuery = DurableTask.Core.Query.OrchestrationQuery;
using CoreOrchestrationState = DurableTask.Core.OrchestrationState;
using CoreOrchestrationStatus = DurableTask.Core.OrchestrationStatus;
using CorePurgeResult = DurableTask.Core.PurgeResult;
using OrchestrationQuery = Microsoft.DurableTask.Client.OrchestrationQuery;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace AccountAccess.StandaloneHost.Durable;

/// <summary>
/// The standalone host's <see cref="DurableTaskClient"/> — the standard client API of <c>Microsoft.DurableTask</c> — over the
/// task hub's storage, through the Durable Task Framework's <see cref="IOrchestrationServiceClient"/>: what this host gives
/// to the functions' <c>[DurableClient]</c> parameters, as the Functions host gives its own. The official shim over DTFx
/// (<c>Microsoft.DurableTask.Client.OrchestrationServiceClientShim</c>) is not served here, so this is a small one of our
/// own, modelled on it, that answers as the host's client does: a start refused because the instance runs is a gRPC
/// <c>AlreadyExists</c>.
/// </summary>
public sealed class TaskHubClient(TaskHub hub) : DurableTaskClient(hub.Name)
{
    private static readonly TimeSpan PollingInterval = TimeSpan.FromSeconds(1);

    private readonly DurableTask.AzureStorage.AzureStorageOrchestrationService service = hub.Service;

    private static DataConverter Converter => DurableJson.Converter;

    public override ValueTask DisposeAsync() => default;

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        await hub.EnsureCreatedAsync();

        // The provider answers an unknown id with a list holding one null.
        var states = await service.GetOrchestrationStateAsync(instanceId, allExecutions: false);
        return states?.FirstOrDefault(state => state is not null) is { } found ? ToMetadata(found, getInputsAndOutputs) : null;
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? query = null) =>
        Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            await hub.EnsureCreatedAsync();
            var coreQuery = new CoreOrchestrationQuery
            {
                RuntimeStatus = query?.Statuses?.Select(ToCore).ToList(),
                CreatedTimeFrom = query?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = query?.CreatedTo?.UtcDateTime,
                PageSize = pageSize ?? query?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? query?.ContinuationToken,
                InstanceIdPrefix = query?.InstanceIdPrefix,
                FetchInputsAndOutputs = query?.FetchInputsAndOutputs ?? false,
            };
            var result = await service.GetOrchestrationWithQueryAsync(coreQuery, cancellation);
            return new Page<OrchestrationMetadata>(
                result.OrchestrationState.Select(state => ToMetadata(state, coreQuery.FetchInputsAndOutputs)).ToList(), result.ContinuationToken);
        });

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        await hub.EnsureCreatedAsync();
        var instance = new OrchestrationInstance
        {
            InstanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N"),
            ExecutionId = Guid.NewGuid().ToString("N"),
        };
        var message = new TaskMessage
        {
            OrchestrationInstance = instance,
            Event = new ExecutionStartedEvent(-1, Converter.Serialize(input))
            {
                Name = orchestratorName.Name,
                Version = options?.Version ?? string.Empty,
                OrchestrationInstance = instance,
                ScheduledStartTime = options?.StartAt?.UtcDateTime,
                Tags = options?.Tags?.ToDictionary(tag => tag.Key, tag => tag.Value) ?? [],
            },
        };

        // Like Durable Functions' default (overridableExistingInstanceStates: NonRunningStates): an instance id that is
        // running, pending or suspended is not started again.
        try
        {
            await service.CreateTaskOrchestrationAsync(message, [CoreOrchestrationStatus.Running, CoreOrchestrationStatus.Pending, CoreOrchestrationStatus.Suspended]);
        }
        catch (OrchestrationAlreadyExistsException exists)
        {
            // What the Functions host's durable client answers (its gRPC endpoint maps this very exception so).
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"An Orchestration instance with the ID {instance.InstanceId} already exists."), exists.Message);
        }

        return instance.InstanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new EventRaisedEvent(-1, Converter.Serialize(eventPayload)) { Name = eventName }, cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        await hub.EnsureCreatedAsync();
        await service.ForceTerminateTaskOrchestrationAsync(instanceId, Converter.Serialize(options?.Output));
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        await hub.EnsureCreatedAsync();
        var state = await service.WaitForOrchestrationAsync(instanceId, null!, TimeSpan.MaxValue, cancellation)
            ?? throw new InvalidOperationException($"The orchestration instance '{instanceId}' does not exist.");
        return ToMetadata(state, getInputsAndOutputs);
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation)
                ?? throw new InvalidOperationException($"The orchestration instance '{instanceId}' does not exist.");
            if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
            {
                return metadata;
            }

            await Task.Delay(PollingInterval, cancellation);
        }
    }

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        var instance = await GetInstancesAsync(instanceId, cancellation: cancellation);
        if (instance is null)
        {
            return new PurgeResult(0);
        }

        if (!instance.IsCompleted)
        {
            throw new InvalidOperationException($"Only an orchestration that has ended can be purged; '{instanceId}' is {instance.RuntimeStatus}.");
        }

        return ToPurgeResult(await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(instanceId));
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        await hub.EnsureCreatedAsync();
        var coreFilter = new PurgeInstanceFilter(filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue, filter.CreatedTo?.UtcDateTime, filter.Statuses?.Select(ToCore));
        return ToPurgeResult(await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(coreFilter));
    }

    private async Task SendAsync(string instanceId, HistoryEvent historyEvent, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        await hub.EnsureCreatedAsync();
        await service.SendTaskOrchestrationMessageAsync(new TaskMessage { OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId }, Event = historyEvent });
    }

    private static OrchestrationMetadata ToMetadata(CoreOrchestrationState state, bool getInputsAndOutputs) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = getInputsAndOutputs ? Converter : null,
            RuntimeStatus = (OrchestrationRuntimeStatus)(int)state.OrchestrationStatus,
            CreatedAt = state.CreatedTime,
            LastUpdatedAt = state.LastUpdatedTime,
            SerializedInput = state.Input,
            SerializedOutput = state.Output,
            SerializedCustomStatus = state.Status,
            FailureDetails = ToFailure(state.FailureDetails) ?? FailureInOutput(state),
        };

    /// <summary>
    /// The Azure Storage provider keeps a failed instance's failure only as its output, the text of its
    /// <see cref="FailureDetails"/> (<c>{type}: {message}</c>); this reads it back.
    /// </summary>
    private static TaskFailureDetails? FailureInOutput(CoreOrchestrationState state)
    {
        if (state.OrchestrationStatus != CoreOrchestrationStatus.Failed || string.IsNullOrEmpty(state.Output))
        {
            return null;
        }

        var separator = state.Output.IndexOf(": ", StringComparison.Ordinal);
        return separator > 0 && !state.Output[..separator].Contains(' ', StringComparison.Ordinal)
            ? new TaskFailureDetails(state.Output[..separator], state.Output[(separator + 2)..], null, null, null)
            : new TaskFailureDetails("OrchestrationFailed", state.Output, null, null, null);
    }

    private static TaskFailureDetails? ToFailure(FailureDetails? failure) =>
        failure is null ? null : new TaskFailureDetails(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, ToFailure(failure.InnerFailure), null);

    private static CoreOrchestrationStatus ToCore(OrchestrationRuntimeStatus status) => (CoreOrchestrationStatus)(int)status;

    private static PurgeResult ToPurgeResult(CorePurgeResult result) => new(result.DeletedInstanceCount);
}
