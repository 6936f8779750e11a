namespace AccountAccess.Infra.Tests;

/// <summary>
/// The passkey relying party the Function App is given (Passkeys__RelyingPartyId, Passkeys__Origins): by default the pages
/// the emailed links open, as the app would derive it; the operator's own relying party when given; and bad values stop
/// the deployment (evaluated by bicep snapshot).
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public class PasskeyRelyingPartyTests(CompiledTemplate compiled)
{
    private SnapshotResult Defaults => new(compiled.Build, compiled.Deployment);

    [Theory]
    [InlineData("creation")]
    [InlineData("final")]
    public void Without_parameters_the_relying_party_is_the_static_web_apps_host_and_origin(string set)
    {
        var settings = set == "creation" ? Defaults.CreationSettings : Defaults.FinalSettings;
        var host = $"split(replace({Defaults.StaticWebAppUrl}, 'https://', ''), '/')[0]";

        Assert.Equal($"[split({host}, ':')[0]]", settings.GetValueOrDefault("Passkeys__RelyingPartyId"));
        Assert.Equal($"[join(createArray(format('https://{{0}}', {host})), ',')]", settings.GetValueOrDefault("Passkeys__Origins"));
    }

    [Fact]
    public void The_relying_party_follows_a_public_base_url_given_by_the_operator()
    {
        var deployment = compiled.Snapshot(new Dictionary<string, string> { ["publicBaseUrl"] = "'https://app.example.com'" });

        Assert.Equal("app.example.com", deployment.FinalSettings["Passkeys__RelyingPartyId"]);
        Assert.Equal("https://app.example.com", deployment.FinalSettings["Passkeys__Origins"]);
    }

    [Fact]
    public void A_relying_party_above_several_origins_reaches_the_app()
    {
        var deployment = compiled.Snapshot(new Dictionary<string, string>
        {
            ["passkeyRelyingPartyId"] = "'example.com'",
            ["passkeyOrigins"] = "['https://accounts.example.com', 'https://app.example.com']",
        });

        Assert.Equal("example.com", deployment.FinalSettings["Passkeys__RelyingPartyId"]);
        Assert.Equal("https://accounts.example.com,https://app.example.com", deployment.FinalSettings["Passkeys__Origins"]);
        Assert.Equal("example.com", deployment.CreationSettings["Passkeys__RelyingPartyId"]);
    }

    [Fact]
    public void Passkey_origins_that_are_not_https_origins_are_refused()
    {
        string[] bad = ["http://accounts.example.com", "https://accounts.example.com/", "accounts.example.com", "https://*.example.com"];
        var list = string.Join(", ", bad.Select(o => $"'{o}'"));
        var deployment = compiled.Snapshot(new Dictionary<string, string> { ["passkeyOrigins"] = $"['https://ok.example.com', {list}]" });

        Assert.Null(deployment.Resources);
        Assert.Contains("passkeyOrigins must be https origins", deployment.Run.Printed);
        Assert.Contains(": " + string.Join(", ", bad) + ".", deployment.Run.Printed);
    }

    [Theory]
    [InlineData("https://example.com")]
    [InlineData("example.com:443")]
    [InlineData("example.com/sign-in")]
    public void A_relying_party_id_that_is_not_a_host_name_is_refused(string id)
    {
        var deployment = compiled.Snapshot(new Dictionary<string, string> { ["passkeyRelyingPartyId"] = $"'{id}'" });

        Assert.Null(deployment.Resources);
        Assert.Contains("passkeyRelyingPartyId must be a host name", deployment.Run.Printed);
    }
}
