namespace AccountAccess.Core.Concurrency;

/// <summary>A stored value with the version (the storage ETag) it was read at; saving it fails if it changed since.</summary>
public sealed record Versioned<T>(T Value, string Version);
