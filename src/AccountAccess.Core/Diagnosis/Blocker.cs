namespace AccountAccess.Core.Diagnosis;

/// <summary>One thing in the way: what, what it stands in the way of, since when, and who can fix it how.</summary>
public sealed record Blocker(BlockerCode Code, Blocks Blocks, DateTimeOffset? Since, Remedy Remedy, IReadOnlyDictionary<string, string> Details);
