using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AccountAccess.Storage;

/// <summary>Row and partition keys, in one place so their formats cannot drift between writer and reader.</summary>
internal static class TableKeys
{
    public const string UserRow = "user";
    public const string OrganizationRow = "organization";
    public const string NameRow = "name";
    public const string TimedLocksPartition = "timed-locks";

    /// <summary>
    /// One partition for the whole index: the schedule lists it in pages of 1,000, and it holds only accounts waiting for
    /// their first kit, so it stays small once kits go out.
    /// </summary>
    public const string PendingActivationsPartition = "pending-activations";

    private const string EventPrefix = "event|";
    private const string SessionPrefix = "session|";
    private const string UnitPrefix = "unit|";

    /// <summary>
    /// Newest first: table rows sort by key, so an event's key starts with the ticks left until the end of time.
    /// </summary>
    public static string EventRow(DateTimeOffset at, string eventId) =>
        EventPrefix + (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + eventId;

    public static string EventRangeFilter(string partitionKey) =>
        $"PartitionKey eq '{partitionKey}' and RowKey ge '{EventPrefix}' and RowKey lt 'event}}'";

    /// <summary>A session, in its user's partition beside the user row, so both change in one batch.</summary>
    public static string SessionRow(string sessionId) => SessionPrefix + sessionId;

    public static string SessionRangeFilter(string userId) =>
        $"PartitionKey eq '{userId}' and RowKey ge '{SessionPrefix}' and RowKey lt 'session}}'";

    public static string UnitRow(string unitId) => UnitPrefix + unitId;

    public static string UnitRangeFilter(string organizationId) =>
        $"PartitionKey eq '{organizationId}' and RowKey ge '{UnitPrefix}' and RowKey lt 'unit}}'";

    /// <summary>
    /// A held name (username or email) is keyed by its SHA-256: fixed length, no characters tables refuse
    /// ('/', '\', '#', '?'), and no personal data in keys.
    /// </summary>
    public static string NamePartition(string normalizedName) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedName)));

    /// <summary>
    /// Where the failed sign-ins of unknown logins write (<see cref="TableUserStore.SaveDecoyFailureAsync"/>): one of 256
    /// partitions of the Users table by the login's SHA-256, so a spray of unknown logins heats no single partition.
    /// No account's id looks like it (ids start <c>usr_</c>).
    /// </summary>
    public static string DecoyPartition(string normalizedLogin) =>
        "decoy-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedLogin)), 0, 1);

    public static string TimedLockRow(DateTimeOffset until, string userId) =>
        until.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|" + userId;

    public static string TimedLockDueFilter(DateTimeOffset now) =>
        $"PartitionKey eq '{TimedLocksPartition}' and RowKey le '{now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|~'";

    /// <summary>A processed webhook event: keyed by the SHA-256 of its id, which the sender chose (any characters).</summary>
    public static string ProcessedEventRow(string eventId) =>
        "processed-event|" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)));

    /// <summary>Ids come from URLs: refuse anything that is not one of ours before it reaches a filter or a key.</summary>
    public static bool IsSafeId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
