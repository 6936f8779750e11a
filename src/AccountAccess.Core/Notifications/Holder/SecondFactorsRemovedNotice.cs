using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Notifications.Holder;

/// <summary>Every second factor was removed: turned off by the holder, or reset by an administrator (a lost phone).</summary>
public sealed record SecondFactorsRemovedNotice(DateTimeOffset At, string? Ip, bool ByAdministrator) : HolderNotice(At, Ip)
{
    public override string Subject(Locale locale) => locale == Locale.Fr ? "Vos seconds facteurs ont été retirés" : "Your second factors were removed";

    public override IEnumerable<string> WhatHappened(Locale locale, NoticeLinks links)
    {
        yield return (locale == Locale.Fr, ByAdministrator) switch
        {
            (true, true) => "Les seconds facteurs de votre compte (clés d'accès, application d'authentification, téléphone, codes de récupération) ont été réinitialisés par un administrateur.",
            (true, false) => "Les seconds facteurs de votre compte (clés d'accès, application d'authentification, téléphone, codes de récupération) ont été retirés avec votre mot de passe.",
            (false, true) => "Your account's second factors (passkeys, authenticator app, phone, recovery codes) were reset by an administrator.",
            (false, false) => "Your account's second factors (passkeys, authenticator app, phone, recovery codes) were turned off with your password.",
        };
        yield return locale == Locale.Fr
            ? "Votre mot de passe suffit désormais pour vous connecter : configurez un nouveau second facteur dès que possible."
            : "Your password alone now signs you in: set up a new second factor as soon as you can.";
    }

    public override string IfNotYou(Locale locale, NoticeLinks links) => locale == Locale.Fr
        ? $"changez tout de suite votre mot de passe avec « Mot de passe oublié ? » ({links.ForgotPassword}) et prévenez votre administrateur."
        : $"change your password at once with \"Forgot password?\" ({links.ForgotPassword}) and tell your administrator.";
}
