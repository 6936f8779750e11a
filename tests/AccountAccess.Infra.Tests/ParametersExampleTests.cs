using System.Text.Json.Nodes;

namespace AccountAccess.Infra.Tests;

/// <summary>infra/main.parameters.example.json, the file operators copy, matches the template.</summary>
[Collection(CompiledTemplateCollection.Name)]
public class ParametersExampleTests(CompiledTemplate compiled)
{
    private static JsonObject Example =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(CompiledTemplate.Infra, "main.parameters.example.json")))!["parameters"]!.AsObject();

    [Fact]
    public void Every_example_parameter_exists_in_the_template()
    {
        var unknown = Example.Select(p => p.Key).Where(name => compiled.Template["parameters"]![name] is null).ToList();
        Assert.True(unknown.Count == 0, "not parameters of main.bicep: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Every_parameter_without_a_default_is_in_the_example()
    {
        var missing = compiled.Template["parameters"]!.AsObject()
            .Where(p => p.Value!["defaultValue"] is null && !Example.ContainsKey(p.Key))
            .Select(p => p.Key)
            .ToList();
        Assert.True(missing.Count == 0, "required but missing from the example: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("welcomeKitsSchedule")]
    [InlineData("lockoutsSweepSchedule")]
    [InlineData("twoFactorChallengeSweepSchedule")]
    [InlineData("durableTaskHubName")]
    [InlineData("staticWebAppSku")]
    [InlineData("publicBaseUrl")]
    [InlineData("operatorOrganizationId")]
    public void The_example_shows_the_defaults(string parameter)
    {
        Assert.Equal((string)compiled.Parameter(parameter)["defaultValue"]!, (string)Example[parameter]!["value"]!);
    }
}
