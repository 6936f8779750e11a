using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace AccountAccess.StandaloneHost;

/// <summary>
/// The account pages of <c>web/</c> (copied next to the app), served at the root as <c>Links:PublicBaseUrl</c>'s default
/// expects: <c>/sign-in</c>, <c>/forgot-password</c>, <c>/reset-password</c>, <c>/activate</c>, <c>/change-password</c>,
/// <c>/account</c>, the <c>/console</c> of administrators, supervisors and support, and their assets. In Azure the same folder is a Static Web App (<c>web/staticwebapp.config.json</c> gives it the same
/// routes and headers). The pages hold no secret; the headers keep the ones they handle in the page: a strict
/// Content-Security-Policy (scripts and styles only from here, nothing framed) and no Referer, so a link's token never
/// leaves in one.
/// </summary>
public static class HostedPages
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The pages, by the path they answer at (each is <c>web/{page}.html</c>).</summary>
    public static IReadOnlyList<string> Pages { get; } = ["sign-in", "forgot-password", "reset-password", "activate", "change-password", "account", "console"];

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "web");

    public static void UseHostedPages(this WebApplication app)
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }

        var files = new PhysicalFileProvider(Folder);
        app.Use(async (http, next) =>
        {
            var path = http.Request.Path.Value ?? "/";
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            {
                if (path == "/")
                {
                    http.Response.Redirect("/sign-in");
                    return;
                }

                if (Pages.Contains(path.TrimStart('/')))
                {
                    // The page's own address, query and all, stays in the address bar until its script removes the token.
                    http.Request.Path = path + ".html";
                }
            }

            await next(http);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = served =>
            {
                var headers = served.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers["Referrer-Policy"] = "no-referrer";
            },
        });
    }
}
