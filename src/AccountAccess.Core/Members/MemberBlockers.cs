using AccountAccess.Core.Accounts;
using AccountAccess.Core.Diagnosis;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.SignIn;

namespace AccountAccess.Core.Members;

/// <summary>
/// What stands between a listed member and signing in, as the diagnosis's codes, from the member index alone (no account
/// is read): sign-in's own decision (<see cref="SignInRules.Decide"/>, never a copy of it) run on the account as the index
/// holds it, within the one organization listed, on the portal of the member's role; then what the diagnosis adds that the
/// index knows (pending activation, a new password due, a second factor to set up, hidden, no email, a departure date set).
/// The person's page (the diagnosis) reads the account itself and says more: other organizations, failed attempts, the
/// welcome kit's link, the last forgot-password.
/// </summary>
public static class MemberBlockers
{
    public static IReadOnlyList<BlockerCode> Of(OrganizationMember member, Organization organization, DateTimeOffset now, PasswordSettings settings)
    {
        var account = AccountOf(member);
        var memberOf = new[] { organization };
        var decision = SignInRules.Decide(account, memberOf, new SignInAttempt(Portals.For(member.Role), null), now, settings);
        var codes = decision.Blockers.Select(b => CodeOf(b.Code)).ToList();
        if (member.Password is null)
        {
            codes.Add(BlockerCode.PendingActivation);
        }

        if (SignInRules.PasswordChangeNeeded(account, memberOf, now, settings) is not null)
        {
            codes.Add(BlockerCode.PasswordChangeRequired);
        }

        if (organization.Policy.RequireTwoFactor && !member.TwoFactorEnrolled)
        {
            codes.Add(BlockerCode.TwoFactorEnrollmentRequired);
        }

        if (!member.Visible)
        {
            codes.Add(BlockerCode.InvisibleAccount);
        }

        if (member.Email is null)
        {
            codes.Add(BlockerCode.NoEmail);
        }

        if (member.DepartureDate is not null && !account.HasDepartedAt(now))
        {
            codes.Add(BlockerCode.DepartureDateSet);
        }

        return codes;
    }

    /// <summary>The account as the index holds it: enough for sign-in's decision, nothing secret (no hash, no factor).</summary>
    private static User AccountOf(OrganizationMember member) => new()
    {
        Id = member.UserId,
        Username = member.Username,
        DisplayName = member.DisplayName,
        Email = member.Email,
        Visible = member.Visible,
        DepartureDate = member.DepartureDate,
        SecurityStamp = string.Empty,
        Deactivation = member.Deactivation,
        Password = member.Password is { } password ? new StoredPassword(string.Empty, password.ChangedAt, password.Temporary, password.ExpiredAt) : null,
        Memberships =
        [
            new Membership(
                member.OrganizationId,
                member.Role,
                member.UnitIds,
                member.Permissions,
                default,
                member.AccessRevokedAt ?? (member.AccessRevoked ? DateTimeOffset.MinValue : null)),
        ],
    };

    // The sign-in refusals share their codes with the diagnosis's blockers (BlockerCode's first seven).
    private static BlockerCode CodeOf(ErrorCode code) => code switch
    {
        ErrorCode.AccountDeactivated => BlockerCode.AccountDeactivated,
        ErrorCode.AccountDeparted => BlockerCode.AccountDeparted,
        ErrorCode.AccessRevoked => BlockerCode.AccessRevoked,
        ErrorCode.WrongPortal => BlockerCode.WrongPortal,
        ErrorCode.NoOrganizationLinked => BlockerCode.NoOrganizationLinked,
        ErrorCode.OrganizationSuspended => BlockerCode.OrganizationSuspended,
        ErrorCode.AppUpdateRequired => BlockerCode.AppUpdateRequired,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Not a sign-in refusal."),
    };
}
