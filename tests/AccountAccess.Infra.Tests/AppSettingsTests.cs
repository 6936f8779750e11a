using System.Text.Json.Nodes;

namespace AccountAccess.Infra.Tests;

/// <summary>What a deployment with the default parameters gives the Function App: the isolated worker on .NET 10
/// and the settings the app needs under the Functions host (evaluated by bicep snapshot).</summary>
[Collection(CompiledTemplateCollection.Name)]
public class AppSettingsTests(CompiledTemplate compiled)
{
    private SnapshotResult Defaults => new(compiled.Build, compiled.Deployment);

    public static TheoryData<string> SettingSets() => new(["creation", "final"]);

    private IReadOnlyDictionary<string, string> Settings(string set) =>
        set == "creation" ? Defaults.CreationSettings : Defaults.FinalSettings;

    [Theory]
    [InlineData("WelcomeKits__Schedule", "0 */15 * * * *")]
    [InlineData("Lockouts__SweepSchedule", "0 * * * * *")]
    [InlineData("TwoFactor__ChallengeSweepSchedule", "0 0 * * * *")]
    [InlineData("DurableTask__HubName", "AccountAccess")]
    public void Timer_schedules_and_the_task_hub_are_app_settings_from_the_first_start(string setting, string value)
    {
        // In the creation set too: the host does not index a function whose %Setting% it cannot find.
        Assert.Equal(value, Defaults.CreationSettings.GetValueOrDefault(setting));
        Assert.Equal(value, Defaults.FinalSettings.GetValueOrDefault(setting));
    }

    [Theory]
    [MemberData(nameof(SettingSets))]
    public void The_app_runs_dotnet_isolated_under_functions_host_4(string set)
    {
        Assert.Equal("dotnet-isolated", Settings(set).GetValueOrDefault("FUNCTIONS_WORKER_RUNTIME"));
        Assert.Equal("~4", Settings(set).GetValueOrDefault("FUNCTIONS_EXTENSION_VERSION"));
    }

    [Fact]
    public void The_linux_image_is_dotnet_isolated_10()
    {
        Assert.Equal("DOTNET-ISOLATED|10.0", (string?)Defaults.SiteConfig["linuxFxVersion"]);
        Assert.Equal("functionapp,linux", (string?)Defaults.Single("Microsoft.Web/sites")["kind"]);
    }

    [Theory]
    [InlineData("creation", "AzureWebJobsStorage")]
    [InlineData("creation", "Storage__ConnectionString")]
    [InlineData("final", "AzureWebJobsStorage")]
    [InlineData("final", "Storage__ConnectionString")]
    public void Storage_connection_strings_hold_the_account_key(string set, string setting)
    {
        var value = Settings(set).GetValueOrDefault(setting) ?? "";
        Assert.StartsWith("[format('DefaultEndpointsProtocol=https;AccountName={0};AccountKey={1};", value);
        Assert.Contains("listKeys(", value);
    }

    [Theory]
    [InlineData("Operator__ApiKey", "operator-api-key")]
    [InlineData("Auth__SigningKeys", "auth-signing-keys")]
    [InlineData("TwoFactor__EncryptionKey", "two-factor-encryption-key")]
    [InlineData("Billing__WebhookSecret", "billing-webhook-secret")]
    [InlineData("Email__Smtp__Password", "smtp-password")]
    public void Secrets_are_key_vault_references_applied_only_at_the_end(string setting, string secret)
    {
        var vault = (string)Defaults.Single("Microsoft.KeyVault/vaults")["name"]!;
        Assert.Equal($"@Microsoft.KeyVault(VaultName={vault};SecretName={secret})", Defaults.FinalSettings.GetValueOrDefault(setting));
        Assert.False(Defaults.CreationSettings.ContainsKey(setting), $"{setting} is set before the role assignment");
    }

    [Fact]
    public void The_retired_HS256_signing_key_is_no_longer_set()
    {
        Assert.False(Defaults.FinalSettings.ContainsKey("Auth__SigningKey"), "Auth__SigningKey is retired: the app would warn at every start");
    }

    [Fact]
    public void The_final_settings_wait_for_the_key_vault_role()
    {
        var nested = compiled.Module("functionApp")["properties"]!["template"]!.AsObject();
        var config = CompiledTemplate.Resources(nested).Single(r => (string?)r["type"] == "Microsoft.Web/sites/config");
        Assert.Contains(config["dependsOn"]!.AsArray(), d => ((string?)d)!.Contains("Microsoft.Authorization/roleAssignments"));
    }

    [Theory]
    [InlineData("Email__Smtp__Host", "smtp.azurecomm.net")]
    [InlineData("Email__Smtp__Port", "587")]
    [InlineData("Email__Smtp__Security", "StartTls")]
    [InlineData("Email__Smtp__Username", "accountaccess-smtp")]
    [InlineData("Billing__ReactivationDelay", "1.00:00:00")]
    [InlineData("ASPNETCORE_ENVIRONMENT", "Production")]
    [InlineData("INFRA_DEPLOYED_AT", "2026-01-01T00:00:00Z")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE", "1")]
    [InlineData("Operator__OrganizationId", "")]
    public void The_other_app_settings_stay(string setting, string value)
    {
        Assert.Equal(value, Defaults.FinalSettings.GetValueOrDefault(setting));
    }

    [Fact]
    public void Every_setting_of_the_creation_set_is_in_the_final_set_with_the_same_value()
    {
        foreach (var (name, value) in Defaults.CreationSettings)
        {
            Assert.Equal(value, Defaults.FinalSettings.GetValueOrDefault(name));
        }
    }

    [Fact]
    public void No_setting_is_left_from_the_custom_handler()
    {
        Assert.DoesNotContain(Defaults.FinalSettings.Values, v => v == "custom");
    }

    [Fact]
    public void Cors_allows_only_the_account_pages_by_default()
    {
        var cors = Defaults.SiteConfig["cors"]!;
        Assert.Equal($"[union(createArray({Defaults.StaticWebAppUrl}), createArray())]", (string?)cors["allowedOrigins"]);
        Assert.False((bool)cors["supportCredentials"]!);
        Assert.Equal("array", (string?)compiled.Parameter("corsAllowedOrigins")["type"]);
    }

    [Fact]
    public void The_site_keeps_its_hardening()
    {
        var site = Defaults.Single("Microsoft.Web/sites");
        Assert.Equal("/api/health", (string?)Defaults.SiteConfig["healthCheckPath"]);
        Assert.Equal("Disabled", (string?)Defaults.SiteConfig["ftpsState"]);
        Assert.Equal("1.2", (string?)Defaults.SiteConfig["minTlsVersion"]);
        Assert.True((bool)site["properties"]!["httpsOnly"]!);
        Assert.Equal("SystemAssigned", (string?)site["identity"]!["type"]);
        Assert.False((bool)Defaults.Single("Microsoft.Web/sites/basicPublishingCredentialsPolicies")["properties"]!["allow"]!);
        Assert.Equal(1, (int)Defaults.SiteConfig["minimumElasticInstanceCount"]!);
        Assert.Equal("ElasticPremium", (string?)Defaults.Single("Microsoft.Web/serverfarms")["sku"]!["tier"]);
    }

    [Fact]
    public void Durable_task_hub_parameter_has_its_length_limits()
    {
        var parameter = compiled.Parameter("durableTaskHubName");
        Assert.Equal("AccountAccess", (string?)parameter["defaultValue"]);
        Assert.Equal(3, (int)parameter["minLength"]!);
        Assert.Equal(45, (int)parameter["maxLength"]!);
    }
}
