using System.Text.Json;

namespace AccountAccess.Core.Errors;

/// <summary>The wire form of every closed set: <c>TooManyAttempts</c> → <c>too_many_attempts</c>.</summary>
public static class SnakeCase
{
    public static string ToSnakeCase<TEnum>(this TEnum value)
        where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
