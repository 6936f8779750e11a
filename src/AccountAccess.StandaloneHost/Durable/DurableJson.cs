using System.Text.Json;
using Microsoft.DurableTask.Converters;

namespace AccountAccess.StandaloneHost.Durable;

/// <summary>
/// How orchestration inputs, outputs, events and custom statuses are written into the task hub: the isolated worker's
/// default (camelCase, read case-insensitively), so what the app's client writes and what either host's engine writes
/// read the same way.
/// </summary>
public static class DurableJson
{
    public static JsonDataConverter Converter { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
