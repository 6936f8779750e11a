using AccountAccess.Core.Accounts;
using AccountAccess.Core.Diagnosis;
using AccountAccess.Core.Members;

namespace AccountAccess.Functions.Contracts;

/// <summary>
/// A member as a list shows it: who, where, its status now and the diagnosis's codes for what stands between it and
/// signing in (within this organization, from the member index: the person's diagnosis says more).
/// </summary>
public sealed record MemberResponse(
    string UserId,
    string Username,
    string DisplayName,
    string? Email,
    Role Role,
    IReadOnlyList<string> UnitIds,
    IReadOnlyList<Permission> Permissions,
    MemberStatus Status,
    IReadOnlyList<BlockerCode> Blockers,
    bool AccessRevoked,
    DateTimeOffset? LockedUntil)
{
    public static MemberResponse From(ListedMember listed)
    {
        var m = listed.Member;
        return new(
            m.UserId,
            m.Username,
            m.DisplayName,
            m.Email,
            m.Role,
            m.UnitIds,
            m.Permissions,
            listed.Status,
            listed.Blockers,
            m.AccessRevoked,
            listed.Status is MemberStatus.Locked or MemberStatus.Deactivated ? m.Deactivation?.Until : null);
    }
}
