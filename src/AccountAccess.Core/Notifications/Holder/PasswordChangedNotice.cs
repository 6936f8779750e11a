using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Notifications.Holder;

/// <summary>The password was changed: by the holder, through a reset link, by an administrator, or to a temporary one.</summary>
public sealed record PasswordChangedNotice(DateTimeOffset At, string? Ip, PasswordChangeWay Way) : HolderNotice(At, Ip)
{
    public override string Subject(Locale locale) => locale == Locale.Fr ? "Votre mot de passe a été modifié" : "Your password was changed";

    public override IEnumerable<string> WhatHappened(Locale locale, NoticeLinks links)
    {
        var french = locale == Locale.Fr;
        yield return (Way, french) switch
        {
            (PasswordChangeWay.Holder, true) => "Le mot de passe de votre compte a été modifié, avec l'ancien mot de passe ou à la connexion.",
            (PasswordChangeWay.Holder, false) => "Your account's password was changed, with the previous password or when signing in.",
            (PasswordChangeWay.ResetLink, true) => "Le mot de passe de votre compte a été modifié avec un lien de réinitialisation envoyé par courriel.",
            (PasswordChangeWay.ResetLink, false) => "Your account's password was changed with a reset link sent by email.",
            (PasswordChangeWay.Administrator, true) => "Le mot de passe de votre compte a été remplacé par un administrateur. Vous en choisirez un nouveau à la prochaine connexion.",
            (PasswordChangeWay.Administrator, false) => "Your account's password was replaced by an administrator. You will choose a new one at your next sign-in.",
            (PasswordChangeWay.Temporary, true) => "Un mot de passe temporaire a été créé pour votre compte par un administrateur. Vous en choisirez un nouveau à la prochaine connexion.",
            (PasswordChangeWay.Temporary, false) => "A temporary password was made for your account by an administrator. You will choose a new one at your next sign-in.",
            _ => throw new ArgumentOutOfRangeException(nameof(Way), Way, null),
        };
        yield return french
            ? "Vos sessions ouvertes ont été fermées : reconnectez-vous avec le nouveau mot de passe."
            : "Your open sessions were ended: sign in again with the new password.";
    }

    public override string IfNotYou(Locale locale, NoticeLinks links) => locale == Locale.Fr
        ? $"choisissez tout de suite un nouveau mot de passe avec « Mot de passe oublié ? » ({links.ForgotPassword}), puis prévenez votre administrateur."
        : $"choose a new password at once with \"Forgot password?\" ({links.ForgotPassword}), then tell your administrator.";
}
