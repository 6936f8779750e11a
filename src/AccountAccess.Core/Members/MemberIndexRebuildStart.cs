namespace AccountAccess.Core.Members;

/// <summary>A rebuild asked for: the id it runs under, and whether this request started it (false: one was running already).</summary>
public sealed record MemberIndexRebuildStart(string Id, bool Started);
