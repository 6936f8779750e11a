using System.Text.Json;
using System.Text.RegularExpressions;
using AccountAccess.Core.Errors;
using AccountAccess.Testing;

namespace AccountAccess.Functions.Tests.StandaloneHost;

/// <summary>
/// Every reason code Core writes into an audit event (<c>AuditEvent.Reason</c>), collected from Core itself so that a new
/// one cannot escape the console's missing-words theory: the closed sets Core writes as reasons (every value of each),
/// the holder notices (their kind), and the snake_case literals Core's source passes where a reason goes — to
/// <c>AuditEvent.Create</c>, on a line naming an <c>AuditAction</c>, to the trusted-device and link-release helpers that
/// write one. A reason passed through a constant is listed by its constant.
/// </summary>
public static partial class AuditReasons
{
    /// <summary>The lines of Core's source that pass a reason code as a literal.</summary>
    private static readonly string[] ReasonLines =
        ["AuditEvent.Create(", "AuditAction.", "Renew(", "Revoke(", "RevokeAll(", "ReleaseAsync(", "untrustsDevices:", "notSent ="];

    public static SortedSet<string> All() => new(
    [
        .. Values<Core.Accounts.DeactivationReason>(),
        .. Values<Core.Passwords.ForgotPasswordRefusal>(),
        .. Values<Core.Passwords.ResetLinkPurpose>(),
        .. Values<Core.WelcomeKits.WelcomeKitSkipReason>(),
        .. Values<Core.WelcomeKits.WelcomeKitTrigger>(),
        .. Values<Core.Sessions.SessionEndReason>(),
        .. Values<Core.Billing.BillingEventType>(),
        .. Values<Core.Billing.BillingNoticeKind>(),
        .. Values<Core.Passkeys.PasskeyCeremonyPurpose>(),
        .. Values<Core.Passkeys.PasskeyProblem>(),
        .. NoticeKinds(),
        Core.Passwords.Rotation.PasswordRotationStep.ReminderSent,
        Core.Passwords.Rotation.PasswordRotationStep.NoEmail,
        Core.Passwords.ResetLinks.ResetLinkExpiryOutcome.Expired,
        .. LiteralsInCore(),
    ]);

    private static IEnumerable<string> Values<TEnum>()
        where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(v => v.ToSnakeCase());

    /// <summary>What <c>HolderNotice.Kind</c> answers for each notice: its type name without "Notice", in snake_case.</summary>
    private static IEnumerable<string> NoticeKinds() =>
        typeof(Core.Notifications.Holder.HolderNotice).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Core.Notifications.Holder.HolderNotice)) && !t.IsAbstract)
            .Select(t => JsonNamingPolicy.SnakeCaseLower.ConvertName(t.Name.EndsWith("Notice", StringComparison.Ordinal) ? t.Name[..^"Notice".Length] : t.Name));

    private static IEnumerable<string> LiteralsInCore() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src", "AccountAccess.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(File.ReadLines)
            .Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal) && ReasonLines.Any(marker => line.Contains(marker, StringComparison.Ordinal)))
            .SelectMany(line => ReasonLiteral().Matches(line).Select(m => m.Groups["code"].Value));

    /// <summary>A snake_case string literal that is not a dictionary key (<c>["trustedDevice"]</c> and the like).</summary>
    [GeneratedRegex(@"(?<!\[)""(?<code>[a-z]+(?:_[a-z]+)*)""")]
    private static partial Regex ReasonLiteral();
}
