using System.Globalization;
using System.Net;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.SignIn;

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

    /// <summary>
    /// The welcome kit: the username, the portal the user's role signs in to, the activation link, and what to do once
    /// the link no longer works (a new kit from the administrator; "forgot password" once the account is active).
    /// </summary>
    public static EmailMessage WelcomeKit(User user, string link, DateTimeOffset expiresAt)
    {
        var french = user.Locale == Locale.Fr;
        var until = Format(expiresAt, user.Locale);
        var portals = user.Memberships.Select(m => Portals.For(m.Role)).Distinct().Order().Select(p => PortalName(p, french)).ToList();
        var where = portals.Count == 0 ? null : string.Join(french ? " ou " : " or ", portals);
        var subject = french ? "Bienvenue : activez votre compte" : "Welcome: activate your account";
        var lines = new List<string>();
        if (french)
        {
            lines.Add($"Bonjour {user.DisplayName},");
            lines.Add("Un compte a été créé pour vous.");
            lines.Add($"Votre nom d'utilisateur : {user.Username}");
            if (where is not null)
            {
                lines.Add($"Connectez-vous avec {where}.");
            }

            lines.Add("Ouvrez ce lien pour choisir votre mot de passe et activer votre compte :");
            lines.Add(link);
            lines.Add($"Ce lien fonctionne une seule fois, jusqu'au {until} (UTC). Seul le dernier lien envoyé fonctionne.");
            lines.Add("Si le lien a expiré ou ne fonctionne plus : tant que votre compte n'est pas activé, demandez à votre administrateur de vous envoyer une nouvelle trousse de bienvenue. Une fois votre compte activé, utilisez « Mot de passe oublié ? » sur la page de connexion.");
        }
        else
        {
            lines.Add($"Hello {user.DisplayName},");
            lines.Add("An account has been created for you.");
            lines.Add($"Your username: {user.Username}");
            if (where is not null)
            {
                lines.Add($"Sign in with {where}.");
            }

            lines.Add("Open this link to choose your password and activate your account:");
            lines.Add(link);
            lines.Add($"The link works once, until {until} (UTC). Only the latest link sent works.");
            lines.Add("If the link has expired or no longer works: while your account is not activated, ask your administrator to send you a new welcome kit. Once your account is active, use \"Forgot password?\" on the sign-in page.");
        }

        return Compose(user, subject, [.. lines], link);
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

    private static string PortalName(Portal portal, bool french) => portal switch
    {
        Portal.Employee => french ? "le portail employé" : "the employee portal",
        Portal.Management => french ? "le portail de gestion" : "the management portal",
        Portal.Client => french ? "le portail client" : "the client portal",
        _ => throw new ArgumentOutOfRangeException(nameof(portal), portal, null),
    };

    private static string Format(DateTimeOffset at, Locale locale) =>
        at.UtcDateTime.ToString(locale == Locale.Fr ? "d MMMM yyyy 'à' HH:mm" : "MMMM d, yyyy 'at' HH:mm", CultureInfo.GetCultureInfo(locale == Locale.Fr ? "fr-FR" : "en-US"));
}
