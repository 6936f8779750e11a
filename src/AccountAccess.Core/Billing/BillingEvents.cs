using System.Globalization;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.Billing;

/// <summary>
/// Applies a billing event (already authenticated by its signature) to its organization: the invoice counted overdue
/// or paid, access suspended or its return scheduled or cancelled, with ETag concurrency (two events for one
/// organization at once both count) and the event id saved in the same atomic write, so a replay changes nothing.
/// </summary>
public sealed class BillingEvents(IOrganizationStore organizations, BillingFollowUp followUp, BillingSettings settings, TimeProvider time)
{
    public async Task<Result<BillingReceipt>> ReceiveAsync(BillingEvent billingEvent, RequestContext context, CancellationToken cancellationToken)
    {
        var applied = await OptimisticRetry.RunAsync<Result<(BillingReceipt Receipt, Organization Organization)>>(async ct =>
        {
            var current = await organizations.GetAsync(billingEvent.OrganizationId, ct);
            if (current is null)
            {
                return Failure.Of(ErrorCode.NotFound, ("organizationId", billingEvent.OrganizationId));
            }

            var now = time.GetUtcNow();
            var decision = BillingRules.Apply(current.Value.Billing, billingEvent.Type, billingEvent.InvoiceId, now, settings);
            var updated = current.Value with { Billing = decision.State };
            try
            {
                await organizations.SaveAsync(current, updated, EventsFor(billingEvent, decision, context, now), billingEvent.Id, ct);
            }
            catch (UniqueKeyTakenException)
            {
                return (new BillingReceipt(billingEvent.Id, current.Value.Id, true, BillingTransition.Ignored, current.Value.Billing), current.Value);
            }

            return (new BillingReceipt(billingEvent.Id, updated.Id, false, decision.Transition, decision.State), updated);
        }, time, cancellationToken);

        if (!applied.Succeeded)
        {
            return applied.Failure!;
        }

        await followUp.EnsureAsync(applied.Value.Organization, cancellationToken);
        return applied.Value.Receipt;
    }

    private static List<AuditEvent> EventsFor(BillingEvent billingEvent, BillingDecision decision, RequestContext context, DateTimeOffset now)
    {
        var details = new Dictionary<string, string>
        {
            ["eventId"] = billingEvent.Id,
            ["invoiceId"] = billingEvent.InvoiceId,
            ["occurredAt"] = billingEvent.OccurredAt.ToString("O", CultureInfo.InvariantCulture),
            ["unpaidInvoices"] = decision.State.UnpaidInvoices.ToString(CultureInfo.InvariantCulture),
        };
        var received = decision.Transition == BillingTransition.Ignored ? AuditAction.BillingEventIgnored
            : billingEvent.Type == BillingEventType.InvoiceOverdue ? AuditAction.InvoiceOverdue
            : AuditAction.InvoicePaid;
        var events = new List<AuditEvent> { AuditEvent.Create(received, context, now, billingEvent.Type.ToSnakeCase(), details) };

        AuditAction? access = decision.Transition switch
        {
            BillingTransition.Suspended => AuditAction.OrganizationSuspended,
            BillingTransition.ReactivationScheduled => AuditAction.BillingReactivationScheduled,
            BillingTransition.ReactivationCancelled => AuditAction.BillingReactivationCancelled,
            _ => null,
        };
        if (access is { } action)
        {
            var accessDetails = new Dictionary<string, string>(details);
            if (decision.State.ReactivationDueAt is { } dueAt)
            {
                accessDetails["reactivationDueAt"] = dueAt.ToString("O", CultureInfo.InvariantCulture);
            }

            events.Add(AuditEvent.Create(action, context, now, "billing", accessDetails));
        }

        return events;
    }
}
