using System.Globalization;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Diagnosis;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.SignIn;
using AccountAccess.Functions.Errors;

namespace AccountAccess.Functions.Tests.Errors;

/// <summary>
/// A sign-in refusal given to someone who proved the password says what to do next, in the diagnosis's words; no other
/// error has a remedy, so a remedy never says more than the refusal.
/// </summary>
public sealed class ErrorRemediesTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");
    private static readonly DateTimeOffset At = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static AppVersion Version(string text) => AppVersion.TryParse(text, out var version) ? version : throw new ArgumentException(text);

    public static TheoryData<SignInBlocker, Remedy> Refusals() => new()
    {
        { new SignInBlocker.AccountDeactivated(DeactivationReason.TooManyAttempts, At, null), Remedy.AskSupervisorToReactivate },
        { new SignInBlocker.AccountDeactivated(DeactivationReason.Manual, At, null), Remedy.AskSupervisorToReactivate },
        { new SignInBlocker.AccountDeactivated(DeactivationReason.TooManyAttempts, At, At.AddMinutes(30)), Remedy.WaitForLockToEnd },
        { new SignInBlocker.AccountDeactivated(DeactivationReason.TooManyAttempts, At, null, UnlockByPasswordReset: true), Remedy.ResetPasswordToReactivate },
        { new SignInBlocker.AccountDeactivated(DeactivationReason.SuspiciousActivity, At, null), Remedy.AskAdministratorToReactivate },
        { new SignInBlocker.AccountDeactivated(DeactivationReason.Merged, At, null), Remedy.SignInWithMergedAccount },
        { new SignInBlocker.AccountDeparted(new DateOnly(2026, 3, 1)), Remedy.AskAdministratorAboutDepartureDate },
        { new SignInBlocker.AccessRevoked(["org_a"], At), Remedy.AskOrganizationToRestoreAccess },
        { new SignInBlocker.WrongPortal(Portal.Management), Remedy.UseExpectedPortal },
        { new SignInBlocker.NoOrganizationLinked(), Remedy.AskAdministratorForUnitRights },
        { new SignInBlocker.OrganizationSuspended(SuspensionReason.Billing, At), Remedy.PayOverdueInvoices },
        { new SignInBlocker.OrganizationSuspended(SuspensionReason.LeftService, At), Remedy.OrganizationLeftService },
        { new SignInBlocker.AppUpdateRequired(Version("2.1.0")), Remedy.UpdateApp },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Every_sign_in_refusal_has_the_remedy_support_would_read_in_both_languages(SignInBlocker blocker, Remedy expected)
    {
        var failure = blocker.ToFailure();

        Assert.Equal(expected, ErrorRemedies.For(failure));
        foreach (var culture in new[] { English, French })
        {
            var text = ErrorRemedies.TextOf(failure, expected, culture);
            Assert.False(string.IsNullOrWhiteSpace(text));
            Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_details_are_filled_in_as_the_diagnosis_shows_them()
    {
        var portal = new SignInBlocker.WrongPortal(Portal.Management).ToFailure();
        var lockout = new SignInBlocker.AccountDeactivated(DeactivationReason.TooManyAttempts, At, At.AddMinutes(30)).ToFailure();
        var update = new SignInBlocker.AppUpdateRequired(Version("2.1.0")).ToFailure();

        Assert.Equal("Use the Management Portal: this role does not sign in to this application.", ErrorRemedies.TextOf(portal, Remedy.UseExpectedPortal, English));
        Assert.Contains("2026-03-10T12:30:00Z", ErrorRemedies.TextOf(lockout, Remedy.WaitForLockToEnd, English), StringComparison.Ordinal);
        Assert.Contains("2.1.0", ErrorRemedies.TextOf(update, Remedy.UpdateApp, French), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ErrorCode.InvalidCredentials)]
    [InlineData(ErrorCode.InvalidRequest)]
    [InlineData(ErrorCode.ResetLinkInvalid)]
    [InlineData(ErrorCode.TooManyRequests)]
    [InlineData(ErrorCode.Forbidden)]
    public void Other_errors_have_no_remedy(ErrorCode code) =>
        Assert.Null(ErrorRemedies.For(Failure.Of(code)));
}
