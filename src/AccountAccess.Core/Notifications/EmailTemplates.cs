using System.Globalization;
using System.Net;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Passwords;

namespace AccountAccess.Core.Notifications;

/// <summary>
/// The account emails in French and English, text and HTML, chosen by the user's locale. The text part always holds
/// the link in full so any mail client (and a test reading the .eml) can follow it.
/// </summary>
public static class EmailTemplates
{
    public static EmailMessage ResetLink(User user, string link, DateTimeOffset expiresAt)
    {
        var french = user.Locale == Locale.Fr;
        var until = Format(expiresAt, user.Locale);
        var subject = french ? "Réinitialisez votre mot de passe" : "Reset your password";
        string[] lines = french
            ?
            [
                $"Bonjour {user.DisplayName},",
                "Vous avez demandé à réinitialiser votre mot de passe. Ouvrez ce lien pour en choisir un nouveau :",
                link,
                $"Ce lien fonctionne une seule fois, jusqu'au {until} (UTC). Seul le dernier lien envoyé fonctionne.",
                "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe ne change pas.",
            ]
            :
            [
                $"Hello {user.DisplayName},",
                "You asked to reset your password. Open this link to choose a new one:",
                link,
                $"The link works once, until {until} (UTC). Only the latest link sent works.",
                "If you did not ask for this, ignore this message: your password stays as it is.",
            ];
        return Compose(user, subject, lines, link);
    }

    public static EmailMessage PasswordExpiryReminder(User user, DateTimeOffset expiresAt, string signInUrl)
    {
        var french = user.Locale == Locale.Fr;
        var on = Format(expiresAt, user.Locale);
        var subject = french ? "Votre mot de passe expire bientôt" : "Your password expires soon";
        string[] lines = french
            ?
            [
                $"Bonjour {user.DisplayName},",
                $"Votre mot de passe expire le {on} (UTC). Changez-le avant cette date : connectez-vous, puis choisissez un nouveau mot de passe dans votre profil.",
                signInUrl,
                "Après cette date, on vous demandera d'en choisir un nouveau à la connexion.",
            ]
            :
            [
                $"Hello {user.DisplayName},",
                $"Your password expires on {on} (UTC). Change it before then: sign in and choose a new password in your profile.",
                signInUrl,
                "After that date you will be asked to choose a new one when you sign in.",
            ];
        return Compose(user, subject, lines, signInUrl);
    }

    private static EmailMessage Compose(User user, string subject, string[] lines, string link)
    {
        var text = string.Join("\n\n", lines) + "\n";
        var html = "<!DOCTYPE html><html><body>" + string.Concat(lines.Select(line => line == link
            ? $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p>"
            : $"<p>{WebUtility.HtmlEncode(line)}</p>")) + "</body></html>";
        return new EmailMessage(user.Email!, subject, text, html);
    }

    private static string Format(DateTimeOffset at, Locale locale) =>
        at.UtcDateTime.ToString(locale == Locale.Fr ? "d MMMM yyyy 'à' HH:mm" : "MMMM d, yyyy 'at' HH:mm", CultureInfo.GetCultureInfo(locale == Locale.Fr ? "fr-FR" : "en-US"));
}
