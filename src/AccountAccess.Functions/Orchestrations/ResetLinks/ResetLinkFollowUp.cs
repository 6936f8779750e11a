namespace AccountAccess.Functions.Orchestrations.ResetLinks;

/// <summary>What <see cref="ResetLinkActivities.RecordResetLinkExpiry"/> found: how the link ended, and the link to follow next, if any.</summary>
public sealed record ResetLinkFollowUp(string Outcome, ResetLinkIssued? Next);
