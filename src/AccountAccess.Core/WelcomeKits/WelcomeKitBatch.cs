namespace AccountAccess.Core.WelcomeKits;

/// <summary>What a batch request was answered at once: how many kits were queued, and who is skipped and why.</summary>
public sealed record WelcomeKitBatch(string RequestId, int Queued, IReadOnlyList<SkippedMember> Skipped);
