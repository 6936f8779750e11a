using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAccess.Functions.Tests.Auth;

/// <summary>The documented defaults of <c>Auth:*</c> (API.md "Configuration keys"), and the values the app refuses.</summary>
public sealed class AuthOptionsTests
{
    [Fact]
    public void The_defaults_are_the_documented_ones()
    {
        var options = new AuthOptions();

        Assert.Equal("account-access", options.Audience);
        Assert.Equal(TimeSpan.FromMinutes(15), options.AccessTokenLifetime);
        Assert.Equal(TimeSpan.FromSeconds(10), options.RefreshReuseInterval);
        Assert.Null(options.SigningKey);
    }

    [Fact]
    public void The_issuer_defaults_to_the_public_base_url()
    {
        using var app = new UnitApp(new() { ["Links:PublicBaseUrl"] = "https://accounts.example.com" });

        Assert.Equal("https://accounts.example.com", app.Services.GetRequiredService<AuthOptions>().Issuer);
    }

    [Fact]
    public void Change_and_enrolment_tokens_have_audiences_of_their_own()
    {
        var options = new AuthOptions();

        Assert.Equal(3, new[] { options.Audience, options.ChangeTokenAudience, options.EnrollmentTokenAudience }.Distinct().Count());
    }

    [Theory]
    [InlineData("Auth:AccessTokenLifetime", "02:00:00")]
    [InlineData("Auth:RefreshReuseInterval", "00:05:00")]
    [InlineData("Auth:Audience", " ")]
    public void A_value_out_of_range_stops_the_app_naming_the_setting(string key, string value)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new UnitApp(new() { [key] = value }));

        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
    }
}
