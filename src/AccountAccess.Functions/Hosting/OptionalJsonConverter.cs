using System.Text.Json;
using System.Text.Json.Serialization;
using AccountAccess.Core.Accounts;

namespace AccountAccess.Functions.Hosting;

/// <summary>
/// Reads <see cref="Optional{T}"/> body fields: absent stays <see cref="Optional{T}.Absent"/>, present (even <c>null</c>)
/// becomes present with its value. Lets a body say "leave as is" and "set to null" apart.
/// </summary>
public sealed class OptionalJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Optional<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class Converter<T> : JsonConverter<Optional<T>>
    {
        public override bool HandleNull => true;

        // The inner converter reads in place, so an error still carries the field's path ($.policy.lockoutMinutes).
        public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(true, ((JsonConverter<T>)options.GetConverter(typeof(T))).Read(ref reader, typeof(T), options)!);

        public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.IsPresent ? value.Value : default, options);
    }
}
