using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Notifications;
using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.Billing;

/// <summary>
/// Sends a billing email to everyone who must know: the organization's billing users (administrators, and members
/// with the <c>billing</c> permission, who can still act on it) and its primary contact, each address once.
/// Records on the organization's trail how many were sent, and on its billing state which suspension or restoration
/// the notice was for (<see cref="BillingState.SuspensionNoticeFor"/>, <see cref="BillingState.RestorationNoticeFor"/>),
/// so that the orchestration step, which the engine may run twice, can tell it already went out.
/// </summary>
public sealed class BillingNotices(IUserStore users, IOrganizationStore organizations, IEmailSender email, BillingSettings settings, TimeProvider time)
{
    public async Task<int> SendAsync(Organization organization, BillingNoticeKind kind, CancellationToken cancellationToken)
    {
        var messages = new List<EmailMessage>();
        var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var now = time.GetUtcNow();
        foreach (var member in await users.ListMembersAsync(organization.Id, cancellationToken))
        {
            // Not the index's status: it says deactivated for a timed lock that has ended; the account decides below.
            if (!member.Has(Permission.Billing) || !member.HasEmail)
            {
                continue;
            }

            // The index may trail the account: the account decides.
            var user = (await users.GetAsync(member.UserId, cancellationToken))?.Value;
            if (user is { Email: { } address } && user.MembershipIn(organization.Id) is { AccessRevoked: false } membership
                && membership.Has(Permission.Billing) && !user.IsDeactivatedAt(now) && !user.HasDepartedAt(now) && addresses.Add(address))
            {
                messages.Add(BillingEmails.To(user, organization, kind, settings));
            }
        }

        if (organization.PrimaryContactEmail is { } contact && addresses.Add(contact))
        {
            messages.Add(BillingEmails.ToPrimaryContact(contact, organization, kind, settings));
        }

        foreach (var message in messages)
        {
            await email.SendAsync(message, cancellationToken);
        }

        await RecordAsync(organization.Id, kind, messages.Count, organization.Billing, cancellationToken);
        return messages.Count;
    }

    private Task RecordAsync(string organizationId, BillingNoticeKind kind, int recipients, BillingState noticeOf, CancellationToken cancellationToken) =>
        OptimisticRetry.RunAsync(async ct =>
        {
            var current = await organizations.GetAsync(organizationId, ct);
            if (current is null)
            {
                return false;
            }

            var details = new Dictionary<string, string> { ["recipients"] = recipients.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            var sent = AuditEvent.Create(AuditAction.BillingNoticeSent, RequestContext.System, time.GetUtcNow(), kind.ToSnakeCase(), details);
            var billing = kind switch
            {
                BillingNoticeKind.Suspended => current.Value.Billing with { SuspensionNoticeFor = noticeOf.SuspendedSince },
                BillingNoticeKind.Restored => current.Value.Billing with { RestorationNoticeFor = noticeOf.RestoredAt },
                _ => current.Value.Billing,
            };
            await organizations.SaveAsync(current, current.Value with { Billing = billing }, [sent], ct);
            return true;
        }, time, cancellationToken);
}
