using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Notifications.Holder;

/// <summary>A recovery code signed in (each works once), with how many are left.</summary>
public sealed record RecoveryCodeUsedNotice(DateTimeOffset At, string? Ip, int Left) : HolderNotice(At, Ip)
{
    public override string Subject(Locale locale) => locale == Locale.Fr ? "Un code de récupération a été utilisé" : "A recovery code was used";

    public override IEnumerable<string> WhatHappened(Locale locale, NoticeLinks links)
    {
        yield return locale == Locale.Fr
            ? $"Un code de récupération a servi à vous connecter. Il ne fonctionnera plus : il vous reste {Left} codes de récupération."
            : $"A recovery code was used to sign you in. It will not work again: you have {Left} recovery codes left.";
        if (Left <= 2)
        {
            yield return locale == Locale.Fr
                ? "Il vous en reste peu : configurez à nouveau votre application d'authentification pour en obtenir dix nouveaux."
                : "Few are left: set up your authenticator app again to get ten new ones.";
        }
    }

    public override string IfNotYou(Locale locale, NoticeLinks links) => locale == Locale.Fr
        ? $"quelqu'un a votre mot de passe et un de vos codes : changez le mot de passe tout de suite avec « Mot de passe oublié ? » ({links.ForgotPassword}) et demandez à votre administrateur de réinitialiser vos seconds facteurs."
        : $"someone has your password and one of your codes: change the password at once with \"Forgot password?\" ({links.ForgotPassword}) and ask your administrator to reset your second factors.";
}
