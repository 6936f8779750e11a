using System.Text.Json;

namespace AccountAccess.Functions.Triggers;

/// <summary>
/// One call of a timer or queue function: the trigger's data and metadata exactly as the Functions host posts them to a
/// custom handler (<c>{"Data":{…},"Metadata":{…}}</c>), or as the local trigger runner builds them.
/// </summary>
public sealed record TriggerInvocation(JsonElement Data, JsonElement Metadata)
{
    private static readonly JsonElement Empty = JsonDocument.Parse("{}").RootElement;

    /// <summary>
    /// The text of a queue message. The host passes the message under the binding's name: as a string, or as an object
    /// when the text is JSON.
    /// </summary>
    public string QueueMessageText()
    {
        var message = Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty("message", out var m) ? m : Data;
        return message.ValueKind == JsonValueKind.String ? message.GetString()! : message.GetRawText();
    }

    public static TriggerInvocation Timer(DateTimeOffset scheduledFor) =>
        new(JsonSerializer.SerializeToElement(new { timer = new { ScheduleStatus = new { Next = scheduledFor }, IsPastDue = false } }), Empty);
}
