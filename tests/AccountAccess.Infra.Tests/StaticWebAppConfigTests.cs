using System.Text.Json.Nodes;
using AccountAccess.Testing;

namespace AccountAccess.Infra.Tests;

/// <summary>web/staticwebapp.config.json, which the Static Web App reads from the deployed pages: the extensionless
/// page addresses the emailed links use, and the security headers on every answer.</summary>
public class StaticWebAppConfigTests
{
    private static string Web => Path.Combine(RepositoryPaths.Root, "web");

    private static JsonObject Config => JsonNode.Parse(File.ReadAllText(Path.Combine(Web, "staticwebapp.config.json")))!.AsObject();

    private static JsonObject Route(string route) =>
        Config["routes"]!.AsArray().Select(r => r!.AsObject()).SingleOrDefault(r => (string?)r["route"] == route)
        ?? throw new Xunit.Sdk.XunitException($"staticwebapp.config.json has no route {route}");

    private static string? GlobalHeader(string name) => (string?)Config["globalHeaders"]![name];

    [Theory]
    [InlineData("/sign-in")]
    [InlineData("/forgot-password")]
    [InlineData("/reset-password")]
    [InlineData("/activate")]
    [InlineData("/change-password")]
    [InlineData("/console")]
    [InlineData("/account")]
    public void Each_page_is_served_at_its_address_without_html(string page)
    {
        Assert.Equal(page + ".html", (string?)Route(page)["rewrite"]);
    }

    [Fact]
    public void The_root_redirects_to_sign_in_for_now_not_for_ever()
    {
        // 302, not 301: browsers cache a permanent redirect, and the root may become a page of its own one day.
        var root = Route("/");
        Assert.Equal("/sign-in", (string?)root["redirect"]);
        Assert.Equal(302, (int)root["statusCode"]!);
    }

    [Fact]
    public void The_content_security_policy_lets_the_pages_call_no_one_elses_function_app()
    {
        // Not https://*.azurewebsites.net: that is anyone's app. The repository's copy allows the site's own origin (the
        // standalone host serves pages and API together); a deployment adds the Function App's own origin (infra/).
        Assert.Equal(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
            "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            GlobalHeader("Content-Security-Policy"));
    }

    [Theory]
    [InlineData("Referrer-Policy", "no-referrer")] // a reset or activation token in the URL never leaves the page
    [InlineData("X-Content-Type-Options", "nosniff")]
    [InlineData("X-Frame-Options", "DENY")] // frame-ancestors for browsers that predate it
    [InlineData("Strict-Transport-Security", "max-age=31536000; includeSubDomains")] // the site is HTTPS only: keep it so
    public void Every_answer_carries_the_security_headers(string header, string value)
    {
        Assert.Equal(value, GlobalHeader(header));
    }

    [Fact]
    public void The_api_address_is_always_read_fresh()
    {
        // A deployment rewrites config.json; a cached copy would send the pages to the API of an older deployment.
        Assert.Equal("no-cache", (string?)Route("/config.json")["headers"]!["Cache-Control"]);
    }

    [Fact]
    public void The_sample_config_calls_the_api_on_the_same_origin()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(Web, "config.json")))!.AsObject();

        Assert.Equal("", (string?)config["apiBaseUrl"]);
    }
}
