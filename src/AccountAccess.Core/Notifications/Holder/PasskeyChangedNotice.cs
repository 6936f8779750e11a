using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Notifications.Holder;

/// <summary>A passkey was added to the account or removed from it, by its name.</summary>
public sealed record PasskeyChangedNotice(DateTimeOffset At, string? Ip, string Name, bool Added) : HolderNotice(At, Ip)
{
    public override string Subject(Locale locale) => (locale == Locale.Fr, Added) switch
    {
        (true, true) => "Une clé d'accès a été ajoutée à votre compte",
        (true, false) => "Une clé d'accès a été retirée de votre compte",
        (false, true) => "A passkey was added to your account",
        (false, false) => "A passkey was removed from your account",
    };

    public override IEnumerable<string> WhatHappened(Locale locale, NoticeLinks links)
    {
        yield return (locale == Locale.Fr, Added) switch
        {
            (true, true) => $"La clé d'accès « {Name} » a été ajoutée à votre compte : elle vous connecte désormais, seule ou après votre mot de passe.",
            (true, false) => $"La clé d'accès « {Name} » a été retirée de votre compte : elle ne vous connecte plus.",
            (false, true) => $"The passkey \"{Name}\" was added to your account: it now signs you in, alone or after your password.",
            (false, false) => $"The passkey \"{Name}\" was removed from your account: it no longer signs you in.",
        };
    }

    public override string IfNotYou(Locale locale, NoticeLinks links) => locale == Locale.Fr
        ? $"quelqu'un connaît votre mot de passe : changez-le tout de suite avec « Mot de passe oublié ? » ({links.ForgotPassword}) et demandez à votre administrateur de réinitialiser vos seconds facteurs, clés d'accès comprises."
        : $"someone knows your password: change it at once with \"Forgot password?\" ({links.ForgotPassword}) and ask your administrator to reset your second factors, passkeys included.";
}
