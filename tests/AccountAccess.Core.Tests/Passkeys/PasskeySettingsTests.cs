using AccountAccess.Core.Passkeys;

namespace AccountAccess.Core.Tests.Passkeys;

/// <summary>The relying party's documented defaults, and the values browsers would refuse, named at start-up.</summary>
public sealed class PasskeySettingsTests
{
    private const string PublicBaseUrl = "https://accounts.example.com";

    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var settings = new PasskeySettings();

        Assert.Null(settings.RelyingPartyId);
        Assert.Null(settings.Origins);
        Assert.Equal("AccountAccess", settings.RelyingPartyName);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.CeremonyLifetime);
        Assert.Equal(20, PasskeySettings.MaxPerAccount);
    }

    [Fact]
    public void Without_settings_the_relying_party_is_the_public_base_urls_host_and_origin()
    {
        var settings = new PasskeySettings();

        Assert.Equal("accounts.example.com", settings.RelyingPartyIdFor(PublicBaseUrl + "/"));
        Assert.Equal(["https://accounts.example.com"], settings.OriginsFor(PublicBaseUrl + "/"));
        Assert.Empty(settings.Problems(PublicBaseUrl));
    }

    [Fact]
    public void A_relying_party_id_above_several_origins_serves_them_all()
    {
        var settings = new PasskeySettings { RelyingPartyId = "example.com", Origins = "https://accounts.example.com, https://app.example.com:8443" };

        Assert.Equal(["https://accounts.example.com", "https://app.example.com:8443"], settings.OriginsFor(PublicBaseUrl));
        Assert.Empty(settings.Problems(PublicBaseUrl));
    }

    [Fact]
    public void Localhost_over_http_is_allowed_for_development()
    {
        Assert.Empty(new PasskeySettings().Problems("http://localhost:7071"));
    }

    [Theory]
    [InlineData("example.com", "http://accounts.example.com", "must be https")]
    [InlineData("example.net", "https://accounts.example.com", "must be the host of every origin")]
    [InlineData("https://example.com", "https://accounts.example.com", "must be a host name")]
    [InlineData("127.0.0.1", "http://127.0.0.1:7071", "not an IP address")]
    [InlineData("example.com", "https://accounts.example.com/sign-in", "must list origins")]
    public void A_relying_party_browsers_would_refuse_is_named_at_start_up(string relyingPartyId, string origins, string problem)
    {
        var settings = new PasskeySettings { RelyingPartyId = relyingPartyId, Origins = origins };

        Assert.Contains(settings.Problems(PublicBaseUrl), p => p.Contains(problem, StringComparison.Ordinal) && p.StartsWith("Passkeys:", StringComparison.Ordinal));
    }
}
