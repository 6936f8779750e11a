using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>
/// Another service of the product, as its developers would write it: a minimal ASP.NET Core API whose only knowledge of us
/// is our discovery document — <c>AddJwtBearer(o =&gt; o.MetadataAddress = …)</c> and our audience — and no secret.
/// <c>GET /whoami</c> answers the token's subject and session, or 401.
/// </summary>
public sealed class ResourceServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ResourceServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ResourceServer> StartAsync(Uri accountAccess, string audience = "account-access")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MetadataAddress = new Uri(accountAccess, "/api/.well-known/openid-configuration").ToString();
            options.RequireHttpsMetadata = false; // loopback in tests; a real service keeps https
            options.Audience = audience;
            options.MapInboundClaims = false;
        });

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/whoami", (ClaimsPrincipal user) => new { sub = user.FindFirstValue("sub"), sid = user.FindFirstValue("sid") }).RequireAuthorization();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ResourceServer(app, new Uri(address));
    }

    /// <summary>GET /whoami with <paramref name="accessToken"/> as the bearer.</summary>
    public async Task<HttpResponseMessage> WhoAmIAsync(string accessToken)
    {
        using var http = new HttpClient { BaseAddress = Address };
        var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return await http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
