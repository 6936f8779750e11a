using AccountAccess.Core.Accounts;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.SignIn;

/// <summary>
/// A reason a person who proved their password still cannot sign in. A closed set: one case per row of the
/// sign-in table of API.md, each with its error code. Sign-in reports the first; the diagnosis lists them all.
/// </summary>
public abstract record SignInBlocker(ErrorCode Code, DateTimeOffset? Since)
{
    public abstract Failure ToFailure();

    /// <param name="UnlockByPasswordReset">Whether a new password through an emailed link would reactivate it ("reset your password").</param>
    public sealed record AccountDeactivated(DeactivationReason Reason, DateTimeOffset DeactivatedAt, DateTimeOffset? Until, bool UnlockByPasswordReset = false)
        : SignInBlocker(ErrorCode.AccountDeactivated, DeactivatedAt)
    {
        public override Failure ToFailure() =>
            Failure.Of(Code, ("reason", Reason), ("until", Until), ("unlockByPasswordReset", UnlockByPasswordReset));
    }

    public sealed record AccountDeparted(DateOnly DepartureDate)
        : SignInBlocker(ErrorCode.AccountDeparted, new DateTimeOffset(DepartureDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))
    {
        public override Failure ToFailure() => Failure.Of(Code, ("departureDate", DepartureDate));
    }

    public sealed record AccessRevoked(IReadOnlyList<string> OrganizationIds, DateTimeOffset? RevokedAt)
        : SignInBlocker(ErrorCode.AccessRevoked, RevokedAt)
    {
        public override Failure ToFailure() => Failure.Of(Code);
    }

    public sealed record WrongPortal(Portal ExpectedPortal)
        : SignInBlocker(ErrorCode.WrongPortal, null)
    {
        public override Failure ToFailure() => Failure.Of(Code, ("expectedPortal", ExpectedPortal));
    }

    public sealed record NoOrganizationLinked()
        : SignInBlocker(ErrorCode.NoOrganizationLinked, null)
    {
        public override Failure ToFailure() => Failure.Of(Code);
    }

    public sealed record OrganizationSuspended(SuspensionReason Reason, DateTimeOffset? SuspendedSince)
        : SignInBlocker(ErrorCode.OrganizationSuspended, SuspendedSince)
    {
        public override Failure ToFailure() => Failure.Of(Code, ("reason", Reason));
    }

    public sealed record AppUpdateRequired(AppVersion MinimumVersion)
        : SignInBlocker(ErrorCode.AppUpdateRequired, null)
    {
        public override Failure ToFailure() => Failure.Of(Code, ("minimumVersion", MinimumVersion.ToString()));
    }
}
