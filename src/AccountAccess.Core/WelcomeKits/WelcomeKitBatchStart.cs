namespace AccountAccess.Core.WelcomeKits;

/// <summary>
/// A batch as its request answered it. <paramref name="SkippedNow"/> are the people skipped that no fan-out message carries
/// (chosen users already active, not members, …); pending members skipped (no email) are recorded by their fan-out.
/// </summary>
public sealed record WelcomeKitBatchStart(
    string OrganizationId,
    string RequestId,
    DateTimeOffset RequestedAt,
    int Queued,
    IReadOnlyList<SkippedMember> SkippedNow);
