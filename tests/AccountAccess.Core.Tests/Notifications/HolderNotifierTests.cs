using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Notifications;
using AccountAccess.Core.Notifications.Holder;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Core.TwoFactor;
using Microsoft.Extensions.Time.Testing;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Notifications;

/// <summary>
/// API.md "Notifications to the holder": every notice says what happened, when, from which IP and what to do if it was not
/// them, in the holder's language; it is audited; and a notice that cannot go out leaves the change and says so.
/// </summary>
public class HolderNotifierTests
{
    private const string Ip = "203.0.113.61";

    private readonly FakeTimeProvider time = new(Start);
    private readonly InMemoryUserStore users = new();
    private readonly RecordingEmailSender email = new();
    private readonly HolderNotifier notifier;

    public HolderNotifierTests()
    {
        users.Add(User("usr_jean", Member("org_a", Role.Employee, "unit_1")));
        notifier = new HolderNotifier(email, new UserUpdater(users, time), new PasswordSettings { PublicBaseUrl = "https://app.example.test" }, time);
    }

    public static TheoryData<HolderNotice> EveryKind => new()
    {
        new PasswordChangedNotice(Start, Ip, PasswordChangeWay.Holder),
        new PasswordChangedNotice(Start, Ip, PasswordChangeWay.ResetLink),
        new PasswordChangedNotice(Start, Ip, PasswordChangeWay.Administrator),
        new PasswordChangedNotice(Start, Ip, PasswordChangeWay.Temporary),
        new EmailChangedNotice(Start, Ip, "old@example.com", "new@example.com"),
        new SecondFactorAddedNotice(Start, Ip, TwoFactorMethod.Totp),
        new SecondFactorAddedNotice(Start, Ip, TwoFactorMethod.Sms, "42"),
        new SecondFactorsRemovedNotice(Start, Ip, ByAdministrator: false),
        new SecondFactorsRemovedNotice(Start, Ip, ByAdministrator: true),
        new RecoveryCodeUsedNotice(Start, Ip, Left: 9),
        new AccountLockedNotice(Start, Ip, DeactivationReason.TooManyAttempts, null, UnlockByPasswordReset: false),
        new AccountLockedNotice(Start, Ip, DeactivationReason.SuspiciousActivity, null, UnlockByPasswordReset: false),
    };

    private User Jean => users["usr_jean"];

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Every_notice_says_what_when_from_which_ip_and_what_to_do_if_it_was_not_the_holder(HolderNotice notice)
    {
        var message = notifier.Compose(Jean, notice, Jean.Email!);

        Assert.Contains("March 10, 2026 at 12:00 (UTC)", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(Ip, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("If this was not you: ", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(Ip, message.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Every_notice_exists_in_french(HolderNotice notice)
    {
        var message = notifier.Compose(Jean with { Locale = Locale.Fr }, notice, Jean.Email!);

        Assert.Contains("10 mars 2026 à 12:00 (UTC)", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Si ce n'était pas vous : ", message.TextBody, StringComparison.Ordinal);
        Assert.NotEqual(notice.Subject(Locale.En), message.Subject);
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void No_notice_carries_a_link_that_changes_anything_when_opened(HolderNotice notice)
    {
        var message = notifier.Compose(Jean, notice, Jean.Email!);

        Assert.DoesNotContain("token=", message.TextBody, StringComparison.Ordinal);
        var links = System.Text.RegularExpressions.Regex.Matches(message.TextBody, @"https?://\S+").Select(m => m.Value.TrimEnd('.', ')', ','));
        Assert.All(links, link => Assert.Contains(link, new[] { "https://app.example.test/sign-in", "https://app.example.test/forgot-password" }));
    }

    [Fact]
    public void Each_kind_has_its_own_name_on_the_trail()
    {
        var kinds = typeof(HolderNotice).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(HolderNotice)) && !t.IsAbstract)
            .Select(t => ((HolderNotice)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(t)).Kind)
            .ToList();

        Assert.Equal(kinds.Count, kinds.Distinct().Count());
        Assert.Contains("password_changed", kinds);
        Assert.Contains("account_locked", kinds);
    }

    [Fact]
    public async Task A_notice_goes_to_the_main_email_and_is_audited_with_its_kind()
    {
        await notifier.NotifyAsync(Jean, new PasswordChangedNotice(Start, Ip, PasswordChangeWay.Holder), CancellationToken.None);

        Assert.Equal("usr_jean@example.com", Assert.Single(email.Sent).To);
        var sent = Assert.Single(users.EventsOf("usr_jean"));
        Assert.Equal(AuditAction.NotificationSent, sent.Action);
        Assert.Equal("password_changed", sent.Reason);
    }

    [Fact]
    public async Task A_change_of_the_main_email_is_told_to_the_old_address_too_which_reads_the_new_one_masked()
    {
        var moved = Jean with { Email = "jean.new@example.com" };

        await notifier.NotifyAsync(moved, new EmailChangedNotice(Start, Ip, "usr_jean@example.com", "jean.new@example.com"), CancellationToken.None);

        Assert.Equal(["jean.new@example.com", "usr_jean@example.com"], email.Sent.Select(m => m.To).Order());
        Assert.All(email.Sent, m => Assert.Contains("j***@example.com", m.TextBody, StringComparison.Ordinal));
        Assert.All(email.Sent, m => Assert.DoesNotContain("jean.new@", m.TextBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_mail_server_that_refuses_leaves_the_change_and_says_so_on_the_trail()
    {
        email.FailWith = new IOException("relay down (test)");

        await notifier.NotifyAsync(Jean, new PasswordChangedNotice(Start, Ip, PasswordChangeWay.Holder), CancellationToken.None);

        var notSent = Assert.Single(users.EventsOf("usr_jean"));
        Assert.Equal(AuditAction.NotificationNotSent, notSent.Action);
        Assert.Equal("delivery_failed", notSent.Reason);
        Assert.Equal("password_changed", notSent.Details!["kind"]);
    }

    [Fact]
    public async Task An_account_without_an_email_is_told_nothing_and_the_trail_says_why()
    {
        await notifier.NotifyAsync(Jean with { Email = null }, new RecoveryCodeUsedNotice(Start, Ip, 3), CancellationToken.None);

        Assert.Empty(email.Sent);
        Assert.Equal("no_email", Assert.Single(users.EventsOf("usr_jean")).Reason);
    }

    [Theory]
    [InlineData(null, false, "ask your supervisor or administrator")]
    [InlineData(null, true, "choose a new password with \"Forgot password?\": https://app.example.test/forgot-password")]
    [InlineData(30, false, "It will be reactivated by itself on March 10, 2026 at 12:30 (UTC).")]
    public void A_lock_after_too_many_wrong_passwords_says_how_it_ends(int? minutes, bool unlockByPasswordReset, string words)
    {
        var until = minutes is { } m ? Start.AddMinutes(m) : (DateTimeOffset?)null;

        var message = notifier.Compose(Jean, new AccountLockedNotice(Start, Ip, DeactivationReason.TooManyAttempts, until, unlockByPasswordReset), Jean.Email!);

        Assert.Contains(words, message.TextBody, StringComparison.Ordinal);
    }
}
