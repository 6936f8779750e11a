using System.Text.Json;
using System.Text.Json.Serialization;

namespace AccountAccess.Functions.Hosting;

/// <summary>
/// The JSON of the contract: camelCase fields, closed sets as snake_case strings (<c>"too_many_attempts"</c>), no numbers
/// for enums, no numbers in strings, times as ISO-8601 UTC (<c>2026-11-22T10:00:00Z</c>). Nulls are written, so a
/// policy shows <c>"lockoutMinutes": null</c> as API.md documents it.
/// </summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new UtcTimeConverter());
        options.Converters.Add(new OptionalJsonConverter());
    }

    /// <summary>Writes every time in UTC with a <c>Z</c>; reads any ISO-8601 offset.</summary>
    private sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }
}
