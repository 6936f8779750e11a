using System.Text.Json;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Billing;
using AccountAccess.Core.Errors;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Features;

/// <summary>The billing system's signed webhook (API.md "Billing webhook").</summary>
public sealed class BillingFunctions(BillingOptions options, BillingEvents billing, TimeProvider time, IOptions<JsonOptions> json, ILogger<BillingFunctions> logger)
{
    public const string SignatureHeader = "X-Billing-Signature";

    /// <summary>Longest event id, invoice id or organization id accepted.</summary>
    private const int MaxIdLength = 200;

    /// <summary>
    /// Checks the signature over the raw body before reading anything from it, then applies the event. Every signature
    /// problem is answered alike (401 <c>invalid_signature</c>); which one it was is logged for the operator.
    /// </summary>
    [Function(nameof(BillingWebhook))]
    [OpenApiOperation("Receive a signed billing event (invoice overdue or paid)", ErrorCode.InvalidSignature, ErrorCode.NotFound)]
    [ReadsJsonBody(typeof(BillingEventBody))]
    public async Task<Results<Ok<BillingEventResponse>, ApiError>> BillingWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "billing/events")] HttpRequest req,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();

        var check = BillingSignature.Check(http.Request.Headers[SignatureHeader], body, options.WebhookSecret, time.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            logger.LogWarning("Billing event refused from {Ip}: signature {Check}", http.SourceIp(), check);
            return ApiError.Of(ErrorCode.InvalidSignature);
        }

        if (!http.Request.HasJsonContentType())
        {
            return new ApiError(Failure.Of(ErrorCode.InvalidRequest, ("problem", "the body must be JSON (Content-Type: application/json)")));
        }

        BillingEventBody? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<BillingEventBody>(body, json.Value.SerializerOptions);
        }
        catch (JsonException bad)
        {
            return bad.Path is { Length: > 2 } path
                ? ApiError.InvalidField(path.TrimStart('$', '.'), "has the wrong type or value")
                : new ApiError(Failure.Of(ErrorCode.InvalidRequest, ("problem", "the body is not valid JSON")));
        }

        if (parsed is null)
        {
            return new ApiError(Failure.Of(ErrorCode.InvalidRequest, ("problem", "the body must be a JSON object")));
        }

        if ((Id(parsed.Id, "id") ?? Require.Present(parsed.Type, "type") ?? Id(parsed.OrganizationId, "organizationId")
            ?? Id(parsed.InvoiceId, "invoiceId") ?? Require.Present(parsed.OccurredAt, "occurredAt")) is { } missing)
        {
            return missing;
        }

        if (!BillingEvent.TryParseType(parsed.Type, out var type))
        {
            return ApiError.InvalidField("type", "one of invoice.overdue, invoice.paid");
        }

        var billingEvent = new BillingEvent(parsed.Id!, type, parsed.OrganizationId!, parsed.InvoiceId!, parsed.OccurredAt!.Value);
        var result = await billing.ReceiveAsync(billingEvent, new RequestContext(Actor.BillingSystem, http.SourceIp()), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(BillingEventResponse.From(result.Value)) : new ApiError(result.Failure!);
    }

    private static ApiError? Id(string? value, string field) =>
        Require.Present(value, field)
        ?? (value!.Length > MaxIdLength || value.Any(char.IsControl) ? ApiError.InvalidField(field, $"1 to {MaxIdLength} printable characters") : null);
}
