using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Notifications.Holder;

/// <summary>
/// The main email — where reset links go — was changed. Sent to the new address and to the old one, which is the one that
/// must hear of it if someone else made the change; the old address reads the new one masked (it may be a stranger's).
/// </summary>
public sealed record EmailChangedNotice(DateTimeOffset At, string? Ip, string? OldEmail, string? NewEmail) : HolderNotice(At, Ip)
{
    public override IEnumerable<string> AlsoTo => OldEmail is null ? [] : [OldEmail];

    public override string Subject(Locale locale) => locale == Locale.Fr ? "Votre adresse de courriel a été modifiée" : "Your email address was changed";

    public override IEnumerable<string> WhatHappened(Locale locale, NoticeLinks links)
    {
        var to = NewEmail is null ? null : Masked(NewEmail);
        yield return (locale == Locale.Fr, to) switch
        {
            (true, null) => "L'adresse de courriel principale de votre compte a été retirée.",
            (true, _) => $"L'adresse de courriel principale de votre compte est maintenant {to}. Les liens de réinitialisation iront à cette adresse.",
            (false, null) => "Your account's main email address was removed.",
            (false, _) => $"Your account's main email address is now {to}. Reset links will go to that address.",
        };
    }

    public override string IfNotYou(Locale locale, NoticeLinks links) => locale == Locale.Fr
        ? "prévenez tout de suite votre administrateur : il peut remettre votre adresse, et personne d'autre ne doit recevoir vos liens de réinitialisation."
        : "tell your administrator at once: they can put your address back, and nobody else should receive your reset links.";

    /// <summary><c>j***@example.com</c>: enough for the holder to recognize, not enough for a stranger holding the old address to use.</summary>
    public static string Masked(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : email[0] + "***" + email[at..];
    }
}
