using System.Net;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>An HTTP answer read in full, with assertions that show the body when they fail.</summary>
public sealed record Reply(HttpStatusCode Status, string Body, JsonNode? Json, IReadOnlyDictionary<string, string> Headers)
{
    public string? ErrorCode => Json?["error"]?["code"]?.GetValue<string>();

    public JsonNode? Details => Json?["error"]?["details"];

    public Reply ShouldBe(HttpStatusCode expected)
    {
        if (Status != expected)
        {
            throw new XunitException($"Expected {(int)expected} {expected} but got {(int)Status} {Status}: {Body}");
        }

        return this;
    }

    /// <summary>Asserts an error answer of API.md: this status and code, and a non-empty message.</summary>
    public Reply ShouldBeError(HttpStatusCode expected, string code)
    {
        ShouldBe(expected);
        if (ErrorCode != code || string.IsNullOrWhiteSpace(Json?["error"]?["message"]?.GetValue<string>()))
        {
            throw new XunitException($"Expected error '{code}' with a message but got: {Body}");
        }

        return this;
    }
}
