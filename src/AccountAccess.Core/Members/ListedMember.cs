using AccountAccess.Core.Accounts;
using AccountAccess.Core.Diagnosis;

namespace AccountAccess.Core.Members;

/// <summary>A member as a list shows it: its index entry, its status now and what stands between it and signing in.</summary>
public sealed record ListedMember(OrganizationMember Member, MemberStatus Status, IReadOnlyList<BlockerCode> Blockers);
