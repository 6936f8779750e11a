using AccountAccess.Core.Accounts;
using AccountAccess.Core.Notifications;
using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.Billing;

/// <summary>
/// The billing emails, to the organization's billing users (in their language) and its primary contact (in both: the
/// contact's language is not on file). They say what happened, what members see, and what to do.
/// </summary>
public static class BillingEmails
{
    public static EmailMessage To(User user, Organization organization, BillingNoticeKind kind, BillingSettings settings) =>
        EmailTemplates.Compose(
            user.Email!,
            Subject(kind, user.Locale == Locale.Fr, organization),
            [user.Locale == Locale.Fr ? $"Bonjour {user.DisplayName}," : $"Hello {user.DisplayName},", .. Body(kind, user.Locale == Locale.Fr, organization, settings)],
            link: null);

    public static EmailMessage ToPrimaryContact(string primaryContactEmail, Organization organization, BillingNoticeKind kind, BillingSettings settings) =>
        EmailTemplates.Compose(
            primaryContactEmail,
            Subject(kind, french: true, organization) + " / " + Subject(kind, french: false, organization),
            [.. Body(kind, french: true, organization, settings), "—", .. Body(kind, french: false, organization, settings)],
            link: null);

    private static string Subject(BillingNoticeKind kind, bool french, Organization organization) => (kind, french) switch
    {
        (BillingNoticeKind.Suspended, true) => $"Accès suspendu : factures impayées ({organization.Name})",
        (BillingNoticeKind.Suspended, false) => $"Access suspended: unpaid invoices ({organization.Name})",
        (_, true) => $"Accès rétabli ({organization.Name})",
        _ => $"Access restored ({organization.Name})",
    };

    private static string[] Body(BillingNoticeKind kind, bool french, Organization organization, BillingSettings settings)
    {
        var hours = (int)Math.Ceiling(settings.ReactivationDelay.TotalHours);
        var unpaid = organization.Billing.UnpaidInvoices;
        return (kind, french) switch
        {
            (BillingNoticeKind.Suspended, true) =>
            [
                $"L'accès de {organization.Name} est suspendu : {unpaid} factures sont en retard de paiement.",
                "Tant que l'accès est suspendu, aucun membre ne peut se connecter (message « organisation suspendue »).",
                $"Réglez les factures en retard : l'accès revient {hours} h après que le nombre de factures impayées repasse sous deux.",
            ],
            (BillingNoticeKind.Suspended, false) =>
            [
                $"Access for {organization.Name} is suspended: {unpaid} invoices are overdue.",
                "While access is suspended, no member can sign in (they see \"organization suspended\").",
                $"Pay the overdue invoices: access returns {hours} hours after fewer than two remain unpaid.",
            ],
            (_, true) =>
            [
                $"L'accès de {organization.Name} est rétabli : les membres peuvent de nouveau se connecter.",
                "Merci pour votre paiement.",
            ],
            _ =>
            [
                $"Access for {organization.Name} is restored: members can sign in again.",
                "Thank you for your payment.",
            ],
        };
    }
}
