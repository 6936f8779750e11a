using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Notifications.Holder;

/// <summary>
/// The account was deactivated for security reasons: too many wrong passwords (how it unlocks: by itself at
/// <see cref="Until"/> for a timed lock; a new password through "Forgot password?" where the organizations allow it;
/// otherwise a supervisor or administrator), or suspicious activity (the right password then many wrong codes: only an
/// administrator reactivates it).
/// </summary>
public sealed record AccountLockedNotice(DateTimeOffset At, string? Ip, DeactivationReason Reason, DateTimeOffset? Until, bool UnlockByPasswordReset)
    : HolderNotice(At, Ip)
{
    public override string Subject(Locale locale) => locale == Locale.Fr ? "Votre compte a été désactivé" : "Your account was deactivated";

    public override IEnumerable<string> WhatHappened(Locale locale, NoticeLinks links)
    {
        var french = locale == Locale.Fr;
        if (Reason == DeactivationReason.SuspiciousActivity)
        {
            yield return french
                ? "Votre compte a été désactivé pour activité suspecte : le bon mot de passe a été saisi, suivi de nombreux codes de vérification erronés."
                : "Your account was deactivated for suspicious activity: the right password was entered, followed by many wrong verification codes.";
            yield return (french, UnlockByPasswordReset) switch
            {
                (true, true) => $"Choisissez un nouveau mot de passe avec « Mot de passe oublié ? » pour le réactiver : {links.ForgotPassword}",
                (false, true) => $"Choose a new password with \"Forgot password?\" to reactivate it: {links.ForgotPassword}",
                (true, false) => "Seul un administrateur peut le réactiver, après avoir vérifié avec vous. Changez ensuite votre mot de passe.",
                (false, false) => "Only an administrator can reactivate it, after checking with you. Then change your password.",
            };
            yield break;
        }

        yield return french
            ? "Votre compte a été désactivé après trop de mots de passe erronés."
            : "Your account was deactivated after too many wrong passwords.";
        yield return (french, Until, UnlockByPasswordReset) switch
        {
            (true, { } until, _) => $"Il se réactivera de lui-même le {Format(until, locale)}.",
            (false, { } until, _) => $"It will be reactivated by itself on {Format(until, locale)}.",
            (true, null, true) => $"Pour le réactiver, choisissez un nouveau mot de passe avec « Mot de passe oublié ? » : {links.ForgotPassword}",
            (false, null, true) => $"To reactivate it, choose a new password with \"Forgot password?\": {links.ForgotPassword}",
            (true, null, false) => "Pour le réactiver, demandez à votre superviseur ou à votre administrateur.",
            (false, null, false) => "To reactivate it, ask your supervisor or administrator.",
        };
    }

    public override string IfNotYou(Locale locale, NoticeLinks links) => locale == Locale.Fr
        ? "quelqu'un d'autre a essayé de se connecter à votre compte : une fois réactivé, choisissez un nouveau mot de passe, et prévenez votre administrateur."
        : "someone else tried to sign in to your account: once it is reactivated, choose a new password, and tell your administrator.";
}
