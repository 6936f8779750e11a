using System.Text.Json;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>
/// The app's <c>Sms:PickupDirectory</c>: a temporary folder where every SMS or voice message is one JSON file
/// <c>{"to","channel","text"}</c>. Deleted on dispose.
/// </summary>
public sealed class SmsPickupFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("accountaccess-sms-").FullName;

    /// <summary>The messages to <paramref name="phone"/> so far, oldest first (file names start with the send time).</summary>
    public IReadOnlyList<SmsFile> SentTo(string phone) =>
        Directory.GetFiles(Path, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(file => JsonSerializer.Deserialize<SmsFile>(File.ReadAllText(file), JsonSerializerOptions.Web)!)
            .Where(message => message.To == phone)
            .ToList();

    /// <summary>Waits (bounded) until <paramref name="phone"/> has at least <paramref name="count"/> messages, and returns them.</summary>
    public async Task<IReadOnlyList<SmsFile>> WaitForAsync(string phone, int count = 1, TimeSpan? timeout = null)
    {
        IReadOnlyList<SmsFile> found = [];
        await Eventually.TrueAsync(() =>
        {
            found = SentTo(phone);
            return Task.FromResult(found.Count >= count);
        }, timeout);
        return found;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A message still being written; the OS cleans temporary folders anyway.
        }
    }
}
