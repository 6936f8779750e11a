namespace AccountAccess.Functions.Orchestrations.BillingSuspensionNotices;

/// <summary>The suspension a notice orchestration is about: its input, and its activity's.</summary>
public sealed record SuspensionBegan(string OrganizationId, DateTimeOffset SuspendedSince);
