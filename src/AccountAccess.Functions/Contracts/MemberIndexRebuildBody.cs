namespace AccountAccess.Functions.Contracts;

/// <summary>POST /api/member-index/rebuilds, optional: the organization whose entries to rebuild; without it, every organization's.</summary>
public sealed record MemberIndexRebuildBody(string? OrganizationId);
