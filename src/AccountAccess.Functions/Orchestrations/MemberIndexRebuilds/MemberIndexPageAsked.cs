using AccountAccess.Core.Members;

namespace AccountAccess.Functions.Orchestrations.MemberIndexRebuilds;

/// <summary>The page a rebuild asks its activity for: the rebuild, and where the page starts (null for the first).</summary>
public sealed record MemberIndexPageAsked(MemberIndexRebuildRequest Request, string? ContinuationToken);
