namespace AccountAccess.Functions.Contracts;

/// <summary>
/// A member-index rebuild asked for: the workflow and id to follow it by (<c>GET /api/workflows/{workflow}/{id}</c>), and
/// whether this request started it (false: one of the same scope was running, and this request joined it).
/// </summary>
public sealed record MemberIndexRebuildResponse(string Workflow, string Id, bool Started);
