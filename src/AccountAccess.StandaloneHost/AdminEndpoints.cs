using System.Text.Json;
using AccountAccess.Core.Errors;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;

namespace AccountAccess.StandaloneHost;

/// <summary>
/// <c>POST /admin/functions/{name}</c> with <c>{"input":"…"}</c>: runs a timer or queue function now, as the Functions
/// host's admin API does ("run a non-HTTP-triggered function manually"; the input is a queue function's message). The
/// host asks for its master key; here the operator key stands in. Unlike the host, which answers 202 at once and runs
/// the function in the background, this answers 202 once the run is over (or the error if it failed), so a script or a
/// test knows when it is done.
/// </summary>
public static class AdminEndpoints
{
    public static void MapAdminFunctions(this WebApplication app) =>
        app.MapPost("/admin/functions/{name}", RunAsync);

    private static async Task RunAsync(HttpContext http, string name, FunctionCatalogue catalogue, FunctionInvoker invoker, OperatorKey operatorKey,
        TimeProvider time, ILogger<FunctionInvoker> logger)
    {
        if (!http.Request.Headers.TryGetValue(OperatorKey.Header, out var key) || key.Count != 1 || !operatorKey.Matches(key[0]!))
        {
            await ApiError.Of(ErrorCode.Unauthorized).ExecuteAsync(http);
            return;
        }

        if (catalogue.Find(name) is not { Trigger: FunctionTrigger.Timer or FunctionTrigger.Queue } function)
        {
            await ApiError.Of(ErrorCode.NotFound).ExecuteAsync(http);
            return;
        }

        var input = string.Empty;
        try
        {
            if (http.Request.ContentLength is not 0)
            {
                using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
                input = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("input", out var given)
                    && given.ValueKind == JsonValueKind.String ? given.GetString()! : string.Empty;
            }
        }
        catch (JsonException)
        {
            await ApiError.InvalidField("input", "the body is {\"input\":\"…\"}").ExecuteAsync(http);
            return;
        }

        var now = time.GetUtcNow();
        object trigger = function.Trigger is FunctionTrigger.Timer
            ? new TimerInfo { ScheduleStatus = new ScheduleStatus { Last = now.UtcDateTime, Next = now.UtcDateTime, LastUpdated = now.UtcDateTime } }
            : QueuesModelFactory.QueueMessage("admin-" + Guid.NewGuid().ToString("N"), "admin", BinaryData.FromString(input), dequeueCount: 1, insertedOn: now);
        try
        {
            await using var scope = http.RequestServices.CreateAsyncScope();
            await invoker.InvokeAsync(function, scope.ServiceProvider, new TriggerInput(null, trigger, http.RequestAborted));
        }
        catch (Exception failure) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(failure, "{Function}, run by the admin API, failed", function.Name);
            await ApiError.Of(ErrorCode.InternalError).ExecuteAsync(http);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status202Accepted;
    }
}
