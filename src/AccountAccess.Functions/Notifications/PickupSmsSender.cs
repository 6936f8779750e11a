using System.Text.Json;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Notifications;

namespace AccountAccess.Functions.Notifications;

/// <summary>
/// Writes SMS and voice messages as JSON files in <c>Sms:PickupDirectory</c> (local runs and tests), the format API.md
/// pins. A real provider (Azure Communication Services SMS, a voice API) is another <see cref="ISmsSender"/>; with no
/// delivery configured, sending fails loudly rather than dropping a code silently.
/// </summary>
public sealed class PickupSmsSender(SmsOptions options, TimeProvider time) : ISmsSender
{
    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.PickupDirectory))
        {
            throw new InvalidOperationException("No SMS delivery is configured: set Sms:PickupDirectory (or plug in a provider).");
        }

        Directory.CreateDirectory(options.PickupDirectory);
        var name = $"{time.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid():N}";
        var temporary = Path.Combine(options.PickupDirectory, name + ".tmp");
        var json = JsonSerializer.Serialize(new { to = message.To, channel = message.Channel.ToSnakeCase(), text = message.Text });
        await File.WriteAllTextAsync(temporary, json, cancellationToken);
        File.Move(temporary, Path.Combine(options.PickupDirectory, name + ".json"));
    }
}
