using System.Buffers.Text;
using System.Text.Json;
using AccountAccess.Core.Errors;

namespace AccountAccess.Core.Passkeys;

/// <summary>
/// Reading the JSON forms of WebAuthn responses (<c>toJSON()</c>): an object with <c>id</c>, <c>rawId</c>, <c>type</c>
/// <c>"public-key"</c> and a <c>response</c> object of base64url fields. What is missing or unreadable becomes
/// <c>invalid_request</c> naming <c>credential</c>, before anything is looked up or ended.
/// </summary>
internal static class PasskeyJson
{
    /// <summary>WebAuthn 5.1: a credential id is at most 1,023 bytes.</summary>
    public const int MaxCredentialIdBytes = 1023;

    /// <summary>Far above any real response (an attestation with a certificate chain is a few kilobytes); the body limit is 64 KiB anyway.</summary>
    private const int MaxFieldChars = 48 * 1024;

    public static Result<T> Read<T>(string credentialJson, Func<JsonElement, JsonElement, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(credentialJson);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new UnreadableCredential("must be the object navigator.credentials gives (its toJSON())");
            }

            if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "public-key")
            {
                throw new UnreadableCredential("type must be \"public-key\"");
            }

            if (!root.TryGetProperty("response", out var response) || response.ValueKind != JsonValueKind.Object)
            {
                throw new UnreadableCredential("response is missing");
            }

            return read(root, response);
        }
        catch (JsonException)
        {
            return Failure.InvalidField("credential", "is not JSON");
        }
        catch (UnreadableCredential unreadable)
        {
            return Failure.InvalidField("credential", unreadable.Message);
        }
    }

    public static byte[] CredentialId(JsonElement root)
    {
        var rawId = Binary(root, "rawId");
        if (root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() != Base64Url.EncodeToString(rawId))
        {
            throw new UnreadableCredential("id and rawId must be the same credential id");
        }

        return rawId.Length is > 0 and <= MaxCredentialIdBytes ? rawId : throw new UnreadableCredential($"rawId must be 1 to {MaxCredentialIdBytes} bytes");
    }

    public static byte[] Binary(JsonElement parent, string name) =>
        OptionalBinary(parent, name) ?? throw new UnreadableCredential($"{name} is missing");

    public static byte[]? OptionalBinary(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: <= MaxFieldChars } text)
        {
            throw new UnreadableCredential($"{name} must be a base64url string");
        }

        try
        {
            // Browsers write base64url without padding; some libraries pad: both are read.
            return Base64Url.DecodeFromChars(text.TrimEnd('='));
        }
        catch (FormatException)
        {
            throw new UnreadableCredential($"{name} must be a base64url string");
        }
    }

    /// <summary>The transports the browser reported, kept only when they are the strings WebAuthn defines (AuthenticatorTransport).</summary>
    public static IReadOnlyList<string> Transports(JsonElement response) =>
        response.TryGetProperty("transports", out var transports) && transports.ValueKind == JsonValueKind.Array
            ? transports.EnumerateArray()
                .Where(t => t.ValueKind == JsonValueKind.String)
                .Select(t => t.GetString()!)
                .Where(KnownTransports.Contains)
                .Distinct()
                .ToList()
            : [];

    private static readonly HashSet<string> KnownTransports = ["usb", "nfc", "ble", "smart-card", "hybrid", "internal"];

    private sealed class UnreadableCredential(string problem) : Exception(problem);
}
