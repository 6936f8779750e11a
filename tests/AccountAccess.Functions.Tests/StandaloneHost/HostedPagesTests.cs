using System.Net;
using System.Text.RegularExpressions;
using AccountAccess.Core.Errors;
using AccountAccess.StandaloneHost;
using AccountAccess.Functions.Tests.Infrastructure;
using AccountAccess.Testing;

namespace AccountAccess.Functions.Tests.StandaloneHost;

/// <summary>
/// The standalone host serves the account pages at the root, as <c>Links:PublicBaseUrl</c>'s default expects, with a
/// Content-Security-Policy that lets nothing but this origin's own scripts and styles run, and no Referer to carry a
/// link's token away. The browser tests (Browser/) use them; these check what a browser is sent.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class HostedPagesTests(AppFixture fixture)
{
    private readonly HttpClient http = fixture.Api.Http;

    public static TheoryData<string> Pages() => [.. HostedPages.Pages.Select(page => "/" + page)];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_page_is_html_with_a_strict_policy_and_no_referrer(string path)
    {
        using var response = await http.GetAsync(path + "?token=usr_x.y.z");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HostedPages.ContentSecurityPolicy, string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"/assets/js/pages/", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_root_leads_to_sign_in()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = http.BaseAddress };

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Scripts_and_styles_come_from_the_app_itself()
    {
        using var script = await http.GetAsync("/assets/js/pages/sign-in.js");
        using var style = await http.GetAsync("/assets/app.css");

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, style.StatusCode);
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_page_that_does_not_exist_is_the_api_404_envelope()
    {
        var reply = await fixture.Api.SendAsync(HttpMethod.Get, "/no-such-page");

        reply.ShouldBeError(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public void No_page_or_script_loads_anything_from_another_origin()
    {
        var web = Path.Combine(RepositoryPaths.Root, "web");
        var files = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".html", StringComparison.Ordinal) || f.EndsWith(".js", StringComparison.Ordinal) || f.EndsWith(".css", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.DoesNotMatch(ExternalUrl(), File.ReadAllText(file)));
    }

    [Fact]
    public void Every_word_of_the_pages_exists_in_english_and_in_french()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "web", "assets", "js", "i18n.js"));
        var english = KeysIn(Between(source, "  en: {", "\n  },"));
        var french = KeysIn(Between(source, "  fr: {", "\n  },"));
        var used = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "web", "assets", "js"), "*.js", SearchOption.AllDirectories)
            .SelectMany(file => UsedKey().Matches(File.ReadAllText(file)).Select(m => m.Groups["key"].Value))
            .Where(key => !key.Contains("${", StringComparison.Ordinal))
            .ToHashSet();

        Assert.True(english.Count > 50, $"{english.Count} English keys read: the parser no longer matches i18n.js.");
        Assert.Equal(english.Order(), french.Order());
        Assert.Empty(used.Except(english));
    }

    public static TheoryData<string> EveryAuditActionActorAndReason()
    {
        var keys = new TheoryData<string>();
        foreach (var action in Enum.GetValues<Core.Audit.AuditAction>())
        {
            keys.Add("audit." + action.ToSnakeCase());
        }

        foreach (var kind in Enum.GetValues<Core.Audit.ActorKind>())
        {
            keys.Add("actor." + kind.ToSnakeCase());
        }

        foreach (var reason in Enum.GetValues<Core.WelcomeKits.WelcomeKitSkipReason>())
        {
            keys.Add("skip." + reason.ToSnakeCase());
        }

        foreach (var reason in AuditReasons.All())
        {
            keys.Add("reason." + reason);
        }

        return keys;
    }

    /// <summary>
    /// The console says what happened in words: an action the app writes, the reason code Core gives an audit event, or a
    /// reason a batch skips someone, without words in either language fails here.
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryAuditActionActorAndReason))]
    public void Every_audit_action_actor_and_reason_the_app_writes_has_words_in_english_and_in_french_for_the_console(string key)
    {
        var source = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "web", "assets", "js", "i18n.js"));

        Assert.Contains(key, KeysIn(Between(source, "  en: {", "\n  },")));
        Assert.Contains(key, KeysIn(Between(source, "  fr: {", "\n  },")));
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        return text[from..to];
    }

    private static HashSet<string> KeysIn(string block) => [.. DefinedKey().Matches(block).Select(m => m.Groups["key"].Value)];

    [GeneratedRegex(@"^\s+'(?<key>[a-zA-Z_.]+)':", RegexOptions.Multiline)]
    private static partial Regex DefinedKey();

    [GeneratedRegex(@"(?:i18n: |\bt\()'(?<key>[a-zA-Z_.${}]+)'")]
    private static partial Regex UsedKey();

    [GeneratedRegex(@"(?:src|href)=[""']?(?:https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();
}
