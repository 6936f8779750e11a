using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.Billing;

/// <summary>
/// Emails a billing suspension, as the suspension-notice orchestration's activity runs it, so the email survives a
/// process dying after the suspension was saved. It sends only if that suspension still stands, and once. A failure to send is
/// thrown, for the orchestration's retry policy to try again.
/// </summary>
public sealed class BillingSuspensionNotice(IOrganizationStore organizations, BillingNotices notices)
{
    public const string Sent = "sent";
    public const string NoRecipient = "no_recipient";
    public const string NoLongerSuspended = "no_longer_suspended";

    /// <summary><c>sent</c>, <c>no_recipient</c>, or <c>no_longer_suspended</c> when access came back (or the organization is gone) meanwhile.</summary>
    public async Task<string> SendAsync(string organizationId, DateTimeOffset suspendedSince, CancellationToken cancellationToken)
    {
        var organization = (await organizations.GetAsync(organizationId, cancellationToken))?.Value;
        if (organization?.Billing.SuspendedSince != suspendedSince)
        {
            return NoLongerSuspended;
        }

        if (organization.Billing.SuspensionNoticeFor == suspendedSince)
        {
            // Run again by the engine after the notice went out (its completion was not recorded): not twice.
            return Sent;
        }

        var sent = await notices.SendAsync(organization, BillingNoticeKind.Suspended, cancellationToken);
        return sent > 0 ? Sent : NoRecipient;
    }
}
