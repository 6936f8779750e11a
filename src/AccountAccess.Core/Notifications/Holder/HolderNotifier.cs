using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Passwords;

namespace AccountAccess.Core.Notifications.Holder;

/// <summary>
/// Tells the holder of an account what just happened to it (<see cref="HolderNotice"/>), in their language: what, when, from
/// which IP, and what to do if it was not them; then records <c>notification_sent</c> (or <c>notification_not_sent</c> and
/// why) on the account's trail. It runs after the change is saved and never fails it: a mail server that refuses, or an
/// account without an email, leaves the change as it is and says so on the trail.
/// </summary>
public sealed class HolderNotifier(IEmailSender email, UserUpdater updater, PasswordSettings settings, TimeProvider time)
{
    private readonly NoticeLinks links = NoticeLinks.Under(settings.PublicBaseUrl);

    /// <summary>Sends <paramref name="notice"/> to <paramref name="user"/> (as saved with the change) and audits it.</summary>
    public async Task NotifyAsync(User user, HolderNotice notice, CancellationToken cancellationToken)
    {
        var recipients = new[] { user.Email }.Concat(notice.AlsoTo).OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        string? problem = recipients.Count == 0 ? "no_email" : null;
        foreach (var to in recipients)
        {
            try
            {
                await email.SendAsync(Compose(user, notice, to), cancellationToken);
            }
            catch (Exception undelivered) when (undelivered is not OperationCanceledException)
            {
                problem = "delivery_failed";
            }
        }

        var details = new Dictionary<string, string> { ["kind"] = notice.Kind, ["recipients"] = recipients.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var recorded = problem is null
            ? AuditEvent.Create(AuditAction.NotificationSent, RequestContext.System, time.GetUtcNow(), notice.Kind, details)
            : AuditEvent.Create(AuditAction.NotificationNotSent, RequestContext.System, time.GetUtcNow(), problem, details);

        // The account may be gone meanwhile (erased): then there is no trail to write to.
        await updater.UpdateAsync(user.Id, stored => new UserChange(stored, [recorded]), cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="notice"/> after the answer, off the request: for a lock from an anonymous sign-in, whose answer
    /// must take as long as any wrong password's (an email's time would tell the account exists). Failures are audited.
    /// </summary>
    public void Dispatch(User user, HolderNotice notice) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await NotifyAsync(user, notice, CancellationToken.None);
            }
            catch (Exception lost) when (lost is not OperationCanceledException)
            {
                // The trail could not be written either (storage down): the lock stands, its own event says so.
            }
        });

    /// <summary>The email of <paramref name="notice"/> to <paramref name="to"/>: text and HTML from the same lines.</summary>
    public EmailMessage Compose(User user, HolderNotice notice, string to)
    {
        var locale = user.Locale;
        var french = locale == Locale.Fr;
        var lines = new List<string> { french ? $"Bonjour {user.DisplayName}," : $"Hello {user.DisplayName}," };
        lines.AddRange(notice.WhatHappened(locale, links));
        lines.Add(french ? $"Quand : {HolderNotice.Format(notice.At, locale)}" : $"When: {HolderNotice.Format(notice.At, locale)}");
        lines.Add(notice.Ip is { } ip
            ? (french ? $"Depuis l'adresse IP : {ip}" : $"From the IP address: {ip}")
            : (french ? "Par notre service, sans adresse IP." : "By our service, from no IP address."));
        lines.Add((french ? "Si ce n'était pas vous : " : "If this was not you: ") + notice.IfNotYou(locale, links));
        lines.Add(french
            ? "Ce message automatique vous informe de la sécurité de votre compte ; il n'appelle pas de réponse."
            : "This automatic message tells you about your account's security; it needs no answer.");
        return EmailTemplates.Compose(to, notice.Subject(locale), [.. lines], link: null);
    }
}
