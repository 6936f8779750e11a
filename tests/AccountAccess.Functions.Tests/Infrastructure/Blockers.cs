using System.Text.Json.Nodes;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>Reads the blockers of a diagnosis answer (<see cref="Api.DiagnoseAsync"/>).</summary>
public static class Blockers
{
    /// <summary>The one blocker with <paramref name="code"/>; fails when there is none, or more than one.</summary>
    public static JsonNode Single(JsonNode diagnosis, string code) =>
        Assert.Single(diagnosis["blockers"]!.AsArray(), b => b!["code"]!.GetValue<string>() == code)!;
}
