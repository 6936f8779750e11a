using AccountAccess.Core.Audit;

namespace AccountAccess.Core.Organizations;

/// <summary>A decided change to an organization and the audit events that explain it.</summary>
public sealed record OrganizationChange(Organization Updated, IReadOnlyList<AuditEvent> Events);
