using AccountAccess.Core.WelcomeKits;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Triggers;
using AccountAccess.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AccountAccess.Functions.Functions;

/// <summary>
/// Welcome kits (API.md "Administration and support"): one click for one user, a batch for an organization (fanned out
/// through the <c>welcome-kit-fan-outs</c> queue, a hundred users a message, then the <c>welcome-kits</c> queue, one
/// message per user, to the queue function that sends), and the timer that sends one kit to every pending account that
/// never got one.
/// </summary>
public static class WelcomeKitFunctions
{
    public const string FanOutWelcomeKits = nameof(FanOutWelcomeKits);
    public const string DeliverWelcomeKit = nameof(DeliverWelcomeKit);
    public const string ScheduledWelcomeKits = nameof(ScheduledWelcomeKits);

    public static void MapWelcomeKitFunctions(this IEndpointRouteBuilder app)
    {
        app.MapGroup("api/users").AddEndpointFilter<RequireCallerFilter>()
            .MapPost("/{userId}/welcome-kit", SendOneAsync).AsFunction("SendWelcomeKit");
        app.MapGroup("api/organizations").AddEndpointFilter<RequireCallerFilter>()
            .MapPost("/{orgId}/welcome-kits", SendBatchAsync).AsFunction("SendWelcomeKits");
    }

    public static FunctionRegistry AddWelcomeKitFunctions(this FunctionRegistry registry, WelcomeKitOptions options) =>
        registry
            .AddQueue(FanOutWelcomeKits, StorageQueues.WelcomeKitFanOuts, FanOutAsync)
            .AddQueue(DeliverWelcomeKit, StorageQueues.WelcomeKits, DeliverAsync)
            .AddTimer(ScheduledWelcomeKits, options.Schedule, RunScheduleAsync);

    public static async Task<Results<Accepted<WelcomeKitResponse>, ApiError>> SendOneAsync(
        string userId, HttpContext http, WelcomeKitSender sender, CancellationToken cancellationToken)
    {
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

    public static async Task<Results<Accepted<WelcomeKitBatchResponse>, ApiError>> SendBatchAsync(
        string orgId, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] WelcomeKitsBody? body,
        HttpContext http, WelcomeKitBatches batches, CancellationToken cancellationToken)
    {
        if (Require.NoNulls(body?.UserIds, "userIds") is { } nulls)
        {
            return nulls;
        }

        var userIds = body?.UserIds?.Select(id => id!).ToList();
        var result = await batches.QueueAsync(http.Caller(), orgId, userIds, http.RequestContext(), cancellationToken);
        return result.Succeeded
            ? TypedResults.Accepted((string?)null, WelcomeKitBatchResponse.From(result.Value))
            : new ApiError(result.Failure!);
    }

    private static Task FanOutAsync(IServiceProvider services, TriggerInvocation invocation, CancellationToken cancellationToken) =>
        services.GetRequiredService<WelcomeKitBatches>().FanOutAsync(QueueWelcomeKits.ParseFanOut(invocation.QueueMessageText()), cancellationToken);

    private static async Task DeliverAsync(IServiceProvider services, TriggerInvocation invocation, CancellationToken cancellationToken)
    {
        var request = QueueWelcomeKits.Parse(invocation.QueueMessageText());
        var outcome = await services.GetRequiredService<WelcomeKitBatches>().HandleAsync(request, cancellationToken);
        if (outcome is WelcomeKitOutcome.NotDelivered)
        {
            // Fail the invocation: the queue delivers the message again (the claim was released), then poisons it.
            throw new InvalidOperationException($"The welcome kit of {request.UserId} (request {request.RequestId}) could not be emailed.");
        }
    }

    private static async Task RunScheduleAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var run = await services.GetRequiredService<WelcomeKitSchedule>().RunAsync(cancellationToken);
        if (run.Due > 0)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(nameof(WelcomeKitFunctions)).LogInformation(
                "{Function}: {Due} due, {Sent} sent, {Busy} held by another sender, {NotDelivered} not delivered, {Removed} stale entries removed",
                ScheduledWelcomeKits, run.Due, run.Sent, run.Busy, run.NotDelivered, run.Removed);
        }
    }
}
