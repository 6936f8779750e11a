using System.Text.Json.Nodes;
using AccountAccess.Functions.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AccountAccess.Functions.Tests.Browser;

/// <summary>
/// A signed-in page refreshing its session (signed-session.js) in headless Chromium: the refresh sends the login's
/// device token and the page keeps what comes back, so the browser stays a trusted device of the login.
/// </summary>
public sealed class SessionRefreshPageTests(AccountPagesTests.PagesApp app, Chromium chromium)
    : IClassFixture<AccountPagesTests.PagesApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_page_whose_access_token_expired_refreshes_with_its_device_token_and_keeps_it()
    {
        var (_, _, user) = await app.Api.CreateStaffAsync();
        var page = await chromium.OpenPageAsync(app.App.BaseAddress, "en-US");
        await page.GotoAsync("/account");
        await page.GetByLabel("Username or email").FillAsync(user.Username);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Api.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        var seeSessions = page.GetByRole(AriaRole.Button, new() { Name = "See your sessions" });
        await Expect(seeSessions).ToBeVisibleAsync();
        var kept = await page.EvaluateAsync<string?>($"() => localStorage.getItem('deviceToken:{user.Username.ToLowerInvariant()}')");
        // The access token "expires": the next call with it is refused once, as the API refuses an expired one.
        var refusedOnce = 0;
        await page.RouteAsync("**/api/account/sessions", async route =>
        {
            if (Interlocked.Increment(ref refusedOnce) == 1)
            {
                await route.FulfillAsync(new() { Status = 401, ContentType = "application/json", Body = """{"error":{"code":"unauthorized","message":"expired","details":{}}}""" });
                return;
            }

            await route.ContinueAsync();
        });

        var refreshed = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/auth/refresh", StringComparison.Ordinal));
        await seeSessions.ClickAsync();
        var refresh = await refreshed;

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your sessions", Level = 1 })).ToBeVisibleAsync();
        Assert.StartsWith("dvt_", kept, StringComparison.Ordinal);
        Assert.Equal(kept, JsonNode.Parse(refresh.Request.PostData!)!["deviceToken"]?.GetValue<string>());
        Assert.Equal(kept, (await refresh.JsonAsync())?.GetProperty("deviceToken").GetString());
        Assert.Equal(kept, await page.EvaluateAsync<string?>($"() => localStorage.getItem('deviceToken:{user.Username.ToLowerInvariant()}')"));
    }
}
