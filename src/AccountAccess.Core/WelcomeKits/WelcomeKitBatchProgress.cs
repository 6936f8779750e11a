namespace AccountAccess.Core.WelcomeKits;

/// <summary>
/// Where a batch stands: of the <see cref="Queued"/> kits, those <see cref="Sent"/> and those still <see cref="Pending"/>
/// (a person appears there once the fan-out has queued them), and everyone <see cref="Skipped"/> with the reason — at the
/// request, or at delivery when the account changed in between (it was activated, lost its email, …).
/// </summary>
public sealed record WelcomeKitBatchProgress(
    string RequestId,
    string OrganizationId,
    DateTimeOffset RequestedAt,
    int Queued,
    IReadOnlyList<SentWelcomeKit> Sent,
    IReadOnlyList<string> Pending,
    IReadOnlyList<SkippedMember> Skipped,
    int SkippedAtDelivery)
{
    /// <summary>Whether every queued kit was sent or skipped at delivery: nothing more will change.</summary>
    public bool Done => Sent.Count + SkippedAtDelivery >= Queued;
}
