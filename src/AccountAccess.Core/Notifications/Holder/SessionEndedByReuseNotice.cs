using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Notifications.Holder;

/// <summary>
/// A session ended because one of its refresh tokens came back after it had been exchanged (API.md "Sessions and
/// tokens"): someone else may hold a copy of it. <see cref="HolderNotice.Ip"/> is where the reused token came from.
/// </summary>
public sealed record SessionEndedByReuseNotice(DateTimeOffset At, string? Ip) : HolderNotice(At, Ip)
{
    public override string Subject(Locale locale) => locale == Locale.Fr ? "Une de vos sessions a été fermée" : "One of your sessions was ended";

    public override IEnumerable<string> WhatHappened(Locale locale, NoticeLinks links)
    {
        yield return locale == Locale.Fr
            ? "Nous avons fermé une de vos sessions : un de ses jetons de connexion, déjà utilisé, a été présenté de nouveau. Cela arrive quand quelqu'un d'autre en a une copie, ou quand une application ou un appareil a été restauré depuis une sauvegarde : reconnectez-vous alors simplement."
            : "We ended one of your sessions: one of its sign-in tokens, already used, was presented again. That happens when someone else has a copy of it, or when an app or a device was restored from a backup: then just sign in again.";
    }

    public override string IfNotYou(Locale locale, NoticeLinks links) => locale == Locale.Fr
        ? $"changez votre mot de passe avec « Mot de passe oublié ? » ({links.ForgotPassword}), puis vérifiez vos sessions ouvertes sur la page de votre compte ({links.Account}) et fermez celles que vous ne reconnaissez pas."
        : $"change your password with \"Forgot password?\" ({links.ForgotPassword}), then check your open sessions on your account page ({links.Account}) and end those you do not recognise.";
}
