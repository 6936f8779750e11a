namespace AccountAccess.Infra.Tests;

/// <summary>The account pages' Azure Static Web App (modules/staticwebapp.bicep): its SKU and region, its URL as the
/// emailed links' default base, and the outputs a deployment script reads. Its origin in the Function App's CORS:
/// <see cref="AppSettingsTests"/> and <see cref="ParameterValidationTests"/>.</summary>
[Collection(CompiledTemplateCollection.Name)]
public class StaticWebAppTests(CompiledTemplate compiled)
{
    private SnapshotResult Defaults => new(compiled.Build, compiled.Deployment);

    [Fact]
    public void The_account_pages_are_a_free_static_web_app_by_default()
    {
        var site = Defaults.Single("Microsoft.Web/staticSites");

        Assert.Equal("Free", (string?)site["sku"]!["name"]);
        Assert.Equal("Free", (string?)site["sku"]!["tier"]);
        Assert.StartsWith("stapp-accountaccess-", (string?)site["name"]);
        Assert.True((bool)site["properties"]!["allowConfigFileUpdates"]!);
        Assert.Equal("Disabled", (string?)site["properties"]!["stagingEnvironmentPolicy"]);
        Assert.Equal("AccountAccess", (string?)site["tags"]!["application"]);
    }

    [Fact]
    public void The_standard_sku_can_be_chosen()
    {
        var site = compiled.Snapshot(new Dictionary<string, string> { ["staticWebAppSku"] = "'Standard'" })
            .Single("Microsoft.Web/staticSites");

        Assert.Equal("Standard", (string?)site["sku"]!["name"]);
        Assert.Equal("Standard", (string?)site["sku"]!["tier"]);
    }

    [Fact]
    public void A_sku_other_than_free_or_standard_is_refused()
    {
        var deployment = compiled.Snapshot(new Dictionary<string, string> { ["staticWebAppSku"] = "'Basic'" });

        Assert.Null(deployment.Resources);
        Assert.Contains("'Free' | 'Standard'", deployment.Run.Printed);
    }

    [Theory]
    [InlineData("westeurope", "westeurope")]
    [InlineData("eastus2", "eastus2")]
    [InlineData("francecentral", "westeurope")] // Static Web Apps are not offered there
    public void The_site_follows_the_location_where_static_web_apps_are_offered(string location, string expected)
    {
        var deployment = compiled.Snapshot(new Dictionary<string, string> { ["location"] = $"'{location}'" });

        Assert.Equal(expected, (string?)deployment.Single("Microsoft.Web/staticSites")["location"]);
        Assert.Equal(location, (string?)deployment.Single("Microsoft.Web/sites")["location"]);
    }

    [Fact]
    public void A_region_without_static_web_apps_is_refused_for_the_site()
    {
        var deployment = compiled.Snapshot(new Dictionary<string, string> { ["staticWebAppLocation"] = "'francecentral'" });

        Assert.Null(deployment.Resources);
        Assert.Contains("BCP033", deployment.Run.Printed); // not one of the allowed values
    }

    [Theory]
    [InlineData("creation")]
    [InlineData("final")]
    public void Emailed_links_open_the_site_when_no_public_base_url_is_given(string set)
    {
        var settings = set == "creation" ? Defaults.CreationSettings : Defaults.FinalSettings;

        Assert.Equal($"[{Defaults.StaticWebAppUrl}]", settings.GetValueOrDefault("Links__PublicBaseUrl"));
        Assert.Equal("", (string?)compiled.Parameter("publicBaseUrl")["defaultValue"]);
    }

    [Theory]
    [InlineData("staticWebAppName", "name")]
    [InlineData("staticWebAppUrl", "url")]
    public void The_site_name_and_url_are_outputs(string output, string moduleOutput)
    {
        Assert.Equal(
            $"[reference(resourceId('Microsoft.Resources/deployments', 'staticWebApp'), '2025-04-01').outputs.{moduleOutput}.value]",
            (string?)compiled.Template["outputs"]![output]!["value"]);
    }

    [Fact]
    public void The_url_output_is_https_on_the_default_hostname()
    {
        var module = compiled.Module("staticWebApp")["properties"]!["template"]!.AsObject();
        var url = (string?)module["outputs"]!["url"]!["value"];

        Assert.Matches(@"^\[format\('https://\{0\}', reference\(resourceId\('Microsoft\.Web/staticSites', parameters\('name'\)\), '[0-9-]+'\)\.defaultHostname\)\]$", url);
    }

    [Fact]
    public void The_api_origin_output_is_the_function_apps_own_host_over_https()
    {
        Assert.Equal(
            "[format('https://{0}', reference(resourceId('Microsoft.Resources/deployments', 'functionApp'), '2025-04-01').outputs.defaultHostName.value)]",
            (string?)compiled.Template["outputs"]!["apiOrigin"]!["value"]);
    }
}
