using System.Globalization;
using System.Text.Json;
using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Notifications.Holder;

/// <summary>
/// Something that happened to an account that its holder must hear about (API.md "Notifications to the holder", ASVS
/// 2.2.3 and 2.5.x): a lock, a new password, a new main email, a second factor added or removed, a recovery code used.
/// One sealed record per kind holds the facts and its English and French words; <see cref="HolderNotifier"/> adds what every
/// notice says — when, from which IP, what to do if it was not them — and sends and audits it. A new kind is one more
/// record and one call to the notifier where the change is saved. Notices never carry a link that changes anything when
/// opened: only the sign-in and forgot-password pages.
/// </summary>
public abstract record HolderNotice(DateTimeOffset At, string? Ip)
{
    /// <summary>The kind, in the wire form of every closed set (<c>PasswordChangedNotice</c> → <c>password_changed</c>): the audit reason.</summary>
    public string Kind => JsonNamingPolicy.SnakeCaseLower.ConvertName(GetType().Name.EndsWith("Notice", StringComparison.Ordinal) ? GetType().Name[..^"Notice".Length] : GetType().Name);

    /// <summary>Addresses told besides the account's main email (the old address, when that is what changed).</summary>
    public virtual IEnumerable<string> AlsoTo => [];

    public abstract string Subject(Locale locale);

    /// <summary>What happened, in a sentence or two.</summary>
    public abstract IEnumerable<string> WhatHappened(Locale locale, NoticeLinks links);

    /// <summary>What to do if the holder did not do it (or, for a lock, did not cause it).</summary>
    public abstract string IfNotYou(Locale locale, NoticeLinks links);

    /// <summary>A date as the holder reads it, in UTC.</summary>
    protected internal static string Format(DateTimeOffset at, Locale locale) =>
        at.UtcDateTime.ToString(locale == Locale.Fr ? "d MMMM yyyy 'à' HH:mm" : "MMMM d, yyyy 'at' HH:mm", CultureInfo.GetCultureInfo(locale == Locale.Fr ? "fr-FR" : "en-US")) + " (UTC)";
}
