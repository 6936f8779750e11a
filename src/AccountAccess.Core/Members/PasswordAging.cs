using AccountAccess.Core.Accounts;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;

namespace AccountAccess.Core.Members;

/// <summary>
/// How passwords age in one organization, for its member lists: the maximum age its policy gives (null: no rotation), and
/// whether a second factor stops rotation there (<c>pci-dss-4</c>). A password is expired when rotation marked it so, or
/// once it is older than the maximum age — which the time decides, not a write, so the index keys passwords by when they
/// were set and lists read "set before now minus the maximum age" (<see cref="ChangedNoLaterThan"/>). The same rule as
/// sign-in's (<see cref="SignIn.SignInRules.PasswordChangeNeeded"/>) within the one organization listed, as the
/// blockers of a list are.
/// </summary>
public sealed record PasswordAging(TimeSpan? MaxAge, bool SecondFactorStopsRotation)
{
    /// <summary>No rotation: only a password rotation marked is expired.</summary>
    public static PasswordAging None { get; } = new(null, false);

    public static PasswordAging For(Organization organization, PasswordSettings settings)
    {
        var maxAge = PasswordPolicy.For([organization], settings, secondFactorEnrolled: false).MaxAge;
        return new(maxAge, maxAge is not null && PasswordPolicy.For([organization], settings, secondFactorEnrolled: true).MaxAge is null);
    }

    /// <summary>Whether <paramref name="member"/>'s password is expired at <paramref name="now"/>.</summary>
    public bool HasExpired(OrganizationMember member, DateTimeOffset now) =>
        member.Password is { } password
        && (password.ExpiredAt is not null
            || (MaxAge is { } age && !(SecondFactorStopsRotation && member.TwoFactorEnrolled) && now >= password.ChangedAt + age));

    /// <summary>
    /// The latest time a password not marked expired may have been set and be expired at <paramref name="now"/>; null when
    /// none expires by age.
    /// </summary>
    public DateTimeOffset? ChangedNoLaterThan(DateTimeOffset now) => MaxAge is { } age ? now - age : null;
}
