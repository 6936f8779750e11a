using System.Net;
using System.Text.Json.Nodes;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>The session routes of API.md "Sessions and tokens", for arranging and acting in tests.</summary>
public static class SessionCalls
{
    /// <summary>Signs <paramref name="login"/> in and returns the <c>status: "ok"</c> answer (tokens, session id, user).</summary>
    public static async Task<JsonNode> SignInAsync(this Api api, string login, string portal = "employee")
    {
        var reply = await api.LoginAsync(login, portal: portal);
        reply.ShouldBe(HttpStatusCode.OK);
        return reply.Json!;
    }

    /// <summary>POST /api/auth/refresh, with the client's device token when it has one.</summary>
    public static Task<Reply> RefreshAsync(this Api api, string refreshToken, string? deviceToken = null) =>
        api.SendAsync(HttpMethod.Post, "/api/auth/refresh", deviceToken is null ? new { refreshToken } : new { refreshToken, deviceToken });

    public static Task<Reply> LogoutAsync(this Api api, string accessToken) =>
        api.SendAsync(HttpMethod.Post, "/api/auth/logout", bearer: accessToken);

    public static Task<Reply> SessionsAsync(this Api api, string accessToken) =>
        api.SendAsync(HttpMethod.Get, "/api/account/sessions", bearer: accessToken);

    public static string Text(this JsonNode answer, string field) => answer[field]!.GetValue<string>();
}
