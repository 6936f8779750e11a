namespace AccountAccess.Core.Concurrency;

/// <summary>Thrown by a store when a value that must be unique service-wide (a username, an email) is already held.</summary>
public sealed class UniqueKeyTakenException(string key) : Exception($"'{key}' is already taken.")
{
    public string Key { get; } = key;
}
