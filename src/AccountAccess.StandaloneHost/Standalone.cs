using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;

namespace AccountAccess.StandaloneHost;

/// <summary>
/// The stand-in for the Functions host where Core Tools cannot be installed (here, CI, the tests): the same executable
/// and functions on Kestrel, with the same services as the worker. It routes HTTP functions by their triggers
/// (<see cref="HttpFunctionEndpoints"/>), fires timers (<see cref="TimerTriggers"/>) and delivers queue messages
/// (<see cref="QueueTriggers"/>) as the host would, and answers what the host answers itself: CORS
/// (<c>Cors:AllowedOrigins</c>; in Azure the Function App's CORS setting), unknown routes and wrong methods, and the
/// admin API's manual runs of timer and queue functions (<see cref="AdminEndpoints"/>); and it serves the account pages
/// (<see cref="HostedPages"/>), which in Azure are a Static Web App. No business
/// rule lives here: delete this folder the day the Functions host runs everywhere the app does.
/// </summary>
public static class Standalone
{
    public const string CorsOriginsSetting = "Cors:AllowedOrigins";

    public static void Run(string[] args) => Build(args).Run();

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var configuration = builder.Configuration;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = RequestBody.MaxBytes;
            kestrel.AddServerHeader = false;
        });

        var services = builder.Services;
        services.AddAccountAccess(configuration, builder.Environment);
        services.AddSingleton<FunctionInvoker>();
        services.AddSingleton(Durable.DurableTaskHubSettings.Load(AppContext.BaseDirectory, configuration));
        services.AddSingleton<Durable.TaskHub>();
        services.AddSingleton<Durable.TaskHubClient>();
        services.AddHostedService<Durable.DurableTaskHost>();
        services.AddHostedService<TimerTriggers>();
        services.AddHostedService<QueueTriggers>();

        // The Functions host forwards the client's address in X-Forwarded-For; a proxy on loopback may do the same here.
        services.Configure<ForwardedHeadersOptions>(forwarded => forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor);
        var origins = (configuration[CorsOriginsSetting] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .AllowAnyHeader()
            .AllowAnyMethod()
            .WithExposedHeaders("Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));

        var app = builder.Build();
        AccountAccessServices.CheckStartup(app.Services);

        app.UseForwardedHeaders();
        app.Use((http, next) =>
        {
            SecurityHeaders.Apply(http.Response);
            return next(http);
        });
        app.UseCors();
        app.UseHostedPages();
        app.UseStatusCodePages(async pages =>
        {
            // What the host answers without a function (unknown route, wrong method) gets the contract's envelope too.
            if (StatusCodeErrors.For(pages.HttpContext.Response.StatusCode) is { } failure)
            {
                await new ApiError(failure).ExecuteAsync(pages.HttpContext);
            }
        });
        app.UseRouting();
        app.MapHttpFunctions(app.Services.GetRequiredService<FunctionCatalogue>(), app.Services.GetRequiredService<HostJson>());
        app.MapAdminFunctions();
        return app;
    }
}
