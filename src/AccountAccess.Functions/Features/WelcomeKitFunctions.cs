using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.WelcomeKits;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using AccountAccess.Storage;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Features;

/// <summary>
/// Welcome kits (API.md "Administration and support"): one click for one user, a batch for an organization (fanned out
/// through the <c>welcome-kit-fan-outs</c> queue, a hundred users a message, then the <c>welcome-kits</c> queue, one
/// message per user, to the queue function that sends), and the timer that sends one kit to every pending account that
/// never got one.
/// </summary>
public sealed class WelcomeKitFunctions(WelcomeKitSender sender, WelcomeKitBatches batches, WelcomeKitSchedule schedule, WelcomeKitBatchSweep sweep, HostJson hostJson, ILogger<WelcomeKitFunctions> logger)
{
    [Function(nameof(SendWelcomeKit))]
    [OpenApiOperation("Send a user's welcome kit (an activation link)", ErrorCode.InvalidState, ErrorCode.ServiceUnavailable)]
    [RequiresCaller]
    [ActsOnUser(UserAction.SendWelcomeKit)]
    public async Task<Results<Accepted<WelcomeKitResponse>, ApiError>> SendWelcomeKit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/{userId}/welcome-kit")] HttpRequest req,
        string userId,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        var result = await sender.SendOneAsync(http.Caller(), userId, http.RequestContext(), cancellationToken);
        if (!result.Succeeded)
        {
            return new ApiError(result.Failure!);
        }

        var answer = result.Value is WelcomeKitOutcome.Sent sent
            ? new WelcomeKitResponse(WelcomeKitStatus.Sent, sent.SentAt, sent.ExpiresAt)
            : new WelcomeKitResponse(WelcomeKitStatus.BeingSent, null, null);
        return TypedResults.Accepted((string?)null, answer);
    }

    [Function(nameof(SendWelcomeKits))]
    [OpenApiOperation("Queue welcome kits for an organization's pending members", ErrorCode.InvalidState)]
    [RequiresCaller]
    [ActsOnOrganization(OrganizationAction.SendWelcomeKits)]
    public async Task<Results<Accepted<WelcomeKitBatchResponse>, ApiError>> SendWelcomeKits(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "organizations/{orgId}/welcome-kits")] HttpRequest req,
        string orgId,
        [FromBody] WelcomeKitsBody? body,
        CancellationToken cancellationToken)
    {
        if (Require.NoNulls(body?.UserIds, "userIds") is { } nulls)
        {
            return nulls;
        }

        var http = req.HttpContext;
        var userIds = body?.UserIds?.Select(id => id!).ToList();
        var result = await batches.QueueAsync(http.Caller(), orgId, userIds, http.RequestContext(), cancellationToken);
        return result.Succeeded
            ? TypedResults.Accepted((string?)null, WelcomeKitBatchResponse.From(result.Value))
            : new ApiError(result.Failure!);
    }

    [Function(nameof(GetWelcomeKitBatch))]
    [OpenApiOperation("Follow a welcome-kit batch: who was sent a kit, who waits, who was skipped and why")]
    [RequiresCaller]
    [ActsOnOrganization(OrganizationAction.SendWelcomeKits)]
    public async Task<Results<Ok<WelcomeKitBatchProgressResponse>, ApiError>> GetWelcomeKitBatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "organizations/{orgId}/welcome-kits/{requestId}")] HttpRequest req,
        string orgId,
        string requestId,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        var result = await batches.ProgressAsync(http.Caller(), orgId, requestId, cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(WelcomeKitBatchProgressResponse.From(result.Value))
            : new ApiError(result.Failure!);
    }

    /// <summary>The first step of a batch: one message per hundred users becomes one message per user.</summary>
    [Function(nameof(FanOutWelcomeKits))]
    public Task FanOutWelcomeKits(
        [QueueTrigger(StorageQueues.WelcomeKitFanOuts, Connection = AppSettingDefaults.StorageConnection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        batches.FanOutAsync(QueueWelcomeKits.ParseFanOut(message.MessageText), cancellationToken);

    [Function(nameof(DeliverWelcomeKit))]
    public async Task DeliverWelcomeKit(
        [QueueTrigger(StorageQueues.WelcomeKits, Connection = AppSettingDefaults.StorageConnection)] QueueMessage message,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken)
    {
        var request = QueueWelcomeKits.Parse(message.MessageText);
        var outcome = await batches.HandleAsync(request, cancellationToken);
        if (outcome is WelcomeKitOutcome.NotDelivered)
        {
            if (message.DequeueCount >= hostJson.MaxDequeueCount)
            {
                // The queue gives up on this message after this delivery: end the person's part of the batch, with why.
                await batches.GiveUpAsync(request, cancellationToken);
            }

            // Fail the invocation: the queue delivers the message again (the claim was released), then poisons it.
            throw new InvalidOperationException($"The welcome kit of {request.UserId} (request {request.RequestId}) could not be emailed.");
        }
    }

    /// <summary>
    /// Every <c>WelcomeKits:Schedule</c> (15 minutes): one kit to every account pending activation that never got one; then
    /// deletes the progress of batches older than <c>WelcomeKits:BatchRetention</c> (30 days).
    /// </summary>
    [Function(nameof(ScheduledWelcomeKits))]
    public async Task ScheduledWelcomeKits(
        [TimerTrigger("%WelcomeKits:Schedule%")] TimerInfo timer,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken)
    {
        var run = await schedule.RunAsync(cancellationToken);
        if (run.Due > 0)
        {
            logger.LogInformation(
                "{Function}: {Due} due, {Sent} sent, {Busy} held by another sender, {NotDelivered} not delivered, {Removed} stale entries removed",
                nameof(ScheduledWelcomeKits), run.Due, run.Sent, run.Busy, run.NotDelivered, run.Removed);
        }

        var swept = await sweep.RunAsync(cancellationToken);
        if (swept > 0)
        {
            logger.LogInformation("{Function}: deleted the progress of {Count} batch(es) past their retention", nameof(ScheduledWelcomeKits), swept);
        }
    }
}
