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

    public static EmailMessage SignInCode(User user, string code)
    {
        var french = user.Locale == Locale.Fr;
        string[] lines = french
            ? [$"Bonjour {user.DisplayName},", $"Votre code de connexion : {code}", "Il expire dans 10 minutes. Si vous n'essayez pas de vous connecter, changez votre mot de passe."]
            : [$"Hello {user.DisplayName},", $"Your sign-in code: {code}", "It expires in 10 minutes. If you are not signing in, change your password."];
        return Compose(user.Email!, french ? "Votre code de connexion" : "Your sign-in code", lines, link: null);
    }

    /// <summary>To an organization's primary contact, in both languages: the contact's own language is not on file.</summary>
    public static EmailMessage SuspiciousActivity(string primaryContactEmail, User user, DateTimeOffset at)
    {
        var when = at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        string[] lines =
        [
            $"Le compte de {user.DisplayName} ({user.Username}) a été désactivé le {when} : le bon mot de passe a été saisi, suivi de nombreux codes de vérification erronés. Quelqu'un d'autre connaît peut-être ce mot de passe.",
            "Un administrateur peut réactiver le compte après avoir vérifié avec la personne ; demandez-lui de changer son mot de passe.",
            $"{user.DisplayName}'s account ({user.Username}) was deactivated at {when}: the right password was entered, followed by many wrong verification codes. Someone else may know the password.",
            "An administrator can reactivate the account after checking with the person; ask them to change their password.",
        ];
        return Compose(primaryContactEmail, "Activité suspecte / Suspicious activity — " + user.Username, lines, link: null);
    }

    private static EmailMessage Compose(User user, string subject, string[] lines, string link) => Compose(user.Email!, subject, lines, link);

    /// <summary>Text and HTML from the same lines; <paramref name="link"/> (a line of its own) becomes an anchor in HTML.</summary>
    internal static EmailMessage Compose(string to, string subject, string[] lines, string? link)
    {
        var text = string.Join("\n\n", lines) + "\n";
        var html = "<!DOCTYPE html><html><body>" + string.Concat(lines.Select(line => line == link
            ? $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p>"
            : $"<p>{WebUtility.HtmlEncode(line)}</p>")) + "</body></html>";
        return new EmailMessage(to, subject, text, html);
    }

    private static string Format(DateTimeOffset at, Locale locale) =>
        at.UtcDateTime.ToString(locale == Locale.Fr ? "d MMMM yyyy 'à' HH:mm" : "MMMM d, yyyy 'at' HH:mm", CultureInfo.GetCultureInfo(locale == Locale.Fr ? "fr-FR" : "en-US"));
}
