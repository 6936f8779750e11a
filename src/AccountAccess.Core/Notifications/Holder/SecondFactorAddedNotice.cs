using AccountAccess.Core.Accounts;
using AccountAccess.Core.TwoFactor;

namespace AccountAccess.Core.Notifications.Holder;

/// <summary>A second factor was added or replaced: an authenticator app, or a phone (its last two digits).</summary>
public sealed record SecondFactorAddedNotice(DateTimeOffset At, string? Ip, TwoFactorMethod Method, string? PhoneEndsWith = null) : HolderNotice(At, Ip)
{
    public override string Subject(Locale locale) => locale == Locale.Fr ? "Un second facteur a été ajouté à votre compte" : "A second factor was added to your account";

    public override IEnumerable<string> WhatHappened(Locale locale, NoticeLinks links)
    {
        yield return (locale == Locale.Fr, Method) switch
        {
            (true, TwoFactorMethod.Totp) => "Une application d'authentification a été configurée pour votre compte ; elle remplace la précédente s'il y en avait une, et de nouveaux codes de récupération ont été créés.",
            (false, TwoFactorMethod.Totp) => "An authenticator app was set up for your account; it replaces the previous one if there was one, and new recovery codes were made.",
            (true, _) => $"Le téléphone se terminant par {PhoneEndsWith} reçoit maintenant vos codes de connexion (SMS et appels).",
            (false, _) => $"The phone ending in {PhoneEndsWith} now receives your sign-in codes (SMS and calls).",
        };
    }

    public override string IfNotYou(Locale locale, NoticeLinks links) => locale == Locale.Fr
        ? $"quelqu'un connaît votre mot de passe : changez-le tout de suite avec « Mot de passe oublié ? » ({links.ForgotPassword}) et demandez à votre administrateur de réinitialiser vos seconds facteurs."
        : $"someone knows your password: change it at once with \"Forgot password?\" ({links.ForgotPassword}) and ask your administrator to reset your second factors.";
}
