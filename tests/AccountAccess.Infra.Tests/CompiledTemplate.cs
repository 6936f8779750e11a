using System.Text.Json.Nodes;
using AccountAccess.Testing;

namespace AccountAccess.Infra.Tests;

/// <summary>
/// infra/main.bicep compiled once to ARM JSON, and evaluated once with the default parameters by
/// <c>bicep snapshot</c>, which runs the template's expressions locally (no Azure) and lists the resources a
/// deployment would create, with their properties. What needs Azure (listKeys, reference) stays an expression.
/// </summary>
public sealed class CompiledTemplate : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "accountaccess-infra-" + Guid.NewGuid().ToString("N"));
    private int snapshots;

    public CompiledTemplate()
    {
        Directory.CreateDirectory(directory);
        var output = Path.Combine(directory, "main.json");
        Build = Bicep.Run("build", MainBicep, "--outfile", output);
        if (Build.ExitCode != 0 || !File.Exists(output))
        {
            throw new InvalidOperationException("bicep build failed: " + Build);
        }

        Template = JsonNode.Parse(File.ReadAllText(output))!.AsObject();

        var defaults = Snapshot();
        Deployment = defaults.Resources ?? throw new InvalidOperationException("bicep snapshot failed: " + defaults.Run);
    }

    public static string Infra => Path.Combine(RepositoryPaths.Root, "infra");

    public static string MainBicep => Path.Combine(Infra, "main.bicep");

    /// <summary>The parameters main.bicep requires, with made-up values of the right shape.</summary>
    public static IReadOnlyDictionary<string, string> RequiredParameters { get; } = new Dictionary<string, string>
    {
        ["smtpUsername"] = "'accountaccess-smtp'",
        ["operatorApiKey"] = $"'{new string('o', 44)}'",
        ["authSigningKeys"] = $"'{new string('a', 241)}'",
        ["twoFactorEncryptionKey"] = $"'{new string('t', 44)}'",
        ["billingWebhookSecret"] = $"'{new string('b', 44)}'",
        ["smtpPassword"] = "'not-a-real-secret'",
        ["deployedAt"] = "'2026-01-01T00:00:00Z'",
    };

    public BicepRun Build { get; }

    public JsonObject Template { get; }

    /// <summary>The resources a deployment with the default parameters would create.</summary>
    public IReadOnlyList<JsonObject> Deployment { get; }

    /// <summary>The template's parameter <paramref name="name"/> (type, defaultValue, minLength…).</summary>
    public JsonObject Parameter(string name) =>
        Template["parameters"]?[name]?.AsObject() ?? throw new KeyNotFoundException($"main.bicep has no parameter {name}");

    /// <summary>The module deployment named <paramref name="name"/> (a Microsoft.Resources/deployments resource).</summary>
    public JsonObject Module(string name) =>
        Resources(Template).SingleOrDefault(r => (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == name)
        ?? throw new KeyNotFoundException($"main.bicep has no module deployment named {name}");

    public static IEnumerable<JsonObject> Resources(JsonObject template) =>
        template["resources"] switch
        {
            JsonArray array => array.Select(r => r!.AsObject()),
            JsonObject symbolic => symbolic.Select(p => p.Value!.AsObject()), // languageVersion 2.0 templates
            _ => [],
        };

    /// <summary>
    /// Evaluates main.bicep with the required parameters and <paramref name="parameters"/> (Bicep syntax:
    /// name → value) through a .bicepparam file. Resources is null when the evaluation failed (see Run).
    /// </summary>
    public SnapshotResult Snapshot(IReadOnlyDictionary<string, string>? parameters = null)
    {
        var name = $"deployment{Interlocked.Increment(ref snapshots)}";
        var file = Path.Combine(directory, name + ".bicepparam");
        var lines = new List<string> { $"using '{Path.GetRelativePath(directory, MainBicep).Replace('\\', '/')}'" };
        foreach (var (key, value) in RequiredParameters.Concat(parameters ?? new Dictionary<string, string>())
                     .GroupBy(p => p.Key).Select(g => g.Last()))
        {
            lines.Add($"param {key} = {value}");
        }

        File.WriteAllLines(file, lines);
        var run = Bicep.Run(
            "snapshot", file, "--mode", "overwrite",
            "--tenant-id", "00000000-0000-0000-0000-00000000000a",
            "--subscription-id", "00000000-0000-0000-0000-00000000000b",
            "--resource-group", "accountaccess-test",
            "--location", "westeurope",
            "--deployment-name", "accountaccess");
        var output = Path.Combine(directory, name + ".snapshot.json");
        if (run.ExitCode != 0 || !File.Exists(output))
        {
            return new SnapshotResult(run, null);
        }

        var snapshot = JsonNode.Parse(File.ReadAllText(output))!;
        return new SnapshotResult(run, snapshot["predictedResources"]!.AsArray().Select(r => r!.AsObject()).ToList());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed record SnapshotResult(BicepRun Run, IReadOnlyList<JsonObject>? Resources)
{
    public JsonObject Single(string type)
    {
        Assert.True(Resources is not null, "bicep snapshot failed: " + Run);
        var matches = Resources.Where(r => (string?)r["type"] == type).ToList();
        Assert.True(matches.Count == 1, $"expected one {type}, found {matches.Count}");
        return matches[0];
    }

    public JsonNode SiteConfig => Single("Microsoft.Web/sites")["properties"]!["siteConfig"]!;

    /// <summary>
    /// The account pages' URL, https://&lt;the Static Web App's default hostname&gt;, as the snapshot leaves it: an ARM
    /// expression (Azure names the host when it creates the site), to be found inside the values built from it.
    /// </summary>
    public string StaticWebAppUrl
    {
        get
        {
            var site = Single("Microsoft.Web/staticSites");
            return $"format('https://{{0}}', reference('{site["id"]}', '{site["apiVersion"]}').defaultHostname)";
        }
    }

    /// <summary>The settings the site is created with (siteConfig.appSettings), before the Key Vault role exists.</summary>
    public IReadOnlyDictionary<string, string> CreationSettings =>
        SiteConfig["appSettings"]!.AsArray().ToDictionary(s => (string)s!["name"]!, s => (string)s!["value"]!);

    /// <summary>The complete settings (sites/config appsettings), applied after the role assignment.</summary>
    public IReadOnlyDictionary<string, string> FinalSettings =>
        Single("Microsoft.Web/sites/config")["properties"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!);
}

/// <summary>One compilation of main.bicep shared by every test class that reads it.</summary>
[CollectionDefinition(Name)]
public sealed class CompiledTemplateCollection : ICollectionFixture<CompiledTemplate>
{
    public const string Name = "compiled main.bicep";
}
