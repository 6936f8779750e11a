using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Members;

/// <summary>
/// The statuses of a member index entry: those it has at a given time (<see cref="Has"/>), and those it may have whatever
/// the time (<see cref="CandidatesOf"/>, which the index is keyed by). An entry does not change when a timed lock runs out
/// or a departure date passes, so the index files it under every status it could have, and readers check the time.
/// </summary>
public static class MemberStatuses
{
    /// <summary>
    /// The one status a list shows for <paramref name="member"/> at <paramref name="now"/>: a lock in effect first, then a
    /// departure, then a missing password.
    /// </summary>
    public static MemberStatus PrimaryAt(OrganizationMember member, DateTimeOffset now) =>
        member.Deactivation is { } lockout && lockout.IsInEffectAt(now) ? (IsSecurityLock(lockout.Reason) ? MemberStatus.Locked : MemberStatus.Deactivated)
        : HasDepartedAt(member, now) ? MemberStatus.Departed
        : member.Password is null ? MemberStatus.PendingActivation
        : MemberStatus.Active;

    /// <summary>
    /// Whether <paramref name="member"/> has <paramref name="status"/> at <paramref name="now"/>; a password expires by age
    /// as <paramref name="passwords"/> says (without it, only when rotation marked it).
    /// </summary>
    public static bool Has(OrganizationMember member, MemberStatus status, DateTimeOffset now, PasswordAging? passwords = null) => status switch
    {
        // A departure counts whatever else applies: "who has left" includes those also deactivated.
        MemberStatus.Departed => HasDepartedAt(member, now),
        MemberStatus.PasswordExpired => (passwords ?? PasswordAging.None).HasExpired(member, now),
        MemberStatus.NoEmail => member.Email is null,
        _ => PrimaryAt(member, now) == status,
    };

    /// <summary>
    /// Every status <paramref name="member"/> could have at some time, as the index files it: a timed lock may have run
    /// out (active again), a departure date may have passed. Not <see cref="MemberStatus.PasswordExpired"/>, which any
    /// password comes to with time: the index files passwords by when they were set instead.
    /// </summary>
    public static IReadOnlyList<MemberStatus> CandidatesOf(OrganizationMember member)
    {
        var candidates = new List<MemberStatus>();
        if (member.Deactivation is { } lockout)
        {
            candidates.Add(IsSecurityLock(lockout.Reason) ? MemberStatus.Locked : MemberStatus.Deactivated);
        }

        if (member.DepartureDate is not null)
        {
            candidates.Add(MemberStatus.Departed);
        }

        var unlocked = member.Deactivation is null || member.Deactivation.Until is not null;
        if (unlocked)
        {
            candidates.Add(member.Password is null ? MemberStatus.PendingActivation : MemberStatus.Active);
        }

        if (member.Email is null)
        {
            candidates.Add(MemberStatus.NoEmail);
        }

        return candidates;
    }

    private static bool IsSecurityLock(DeactivationReason reason) =>
        reason is DeactivationReason.TooManyAttempts or DeactivationReason.SuspiciousActivity;

    private static bool HasDepartedAt(OrganizationMember member, DateTimeOffset now) =>
        member.DepartureDate is { } day && day < DateOnly.FromDateTime(now.UtcDateTime);
}
