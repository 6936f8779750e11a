using AccountAccess.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration.CommandLine;

namespace AccountAccess.Functions.Worker;

/// <summary>
/// The app as an ordinary isolated worker, started by the Functions host (<c>func start</c>, or Azure): ASP.NET Core
/// integration, the shared HTTP pipeline as worker middleware, Application Insights, and the app's services.
/// </summary>
public static class FunctionsWorker
{
    /// <summary>The setting the host gives its worker (<c>--functions-uri</c>): without it, no host is there to talk to.</summary>
    public const string HostEndpointSetting = "Functions:Worker:HostEndpoint";

    /// <summary>
    /// Whether a Functions host started this process. The worker's own rule: it reads the host's gRPC endpoint from the
    /// <c>--functions-uri</c> argument (or the setting) and cannot start without one.
    /// </summary>
    public static bool HostIsPresent(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .Add(new CommandLineConfigurationSource { Args = args, SwitchMappings = new Dictionary<string, string> { ["--functions-uri"] = HostEndpointSetting } })
            .Build();
        return !string.IsNullOrEmpty(configuration[HostEndpointSetting]);
    }

    public static void Run(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<HttpFunctionMiddleware>();
        builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
        builder.Services.AddAccountAccess(builder.Configuration, builder.Environment);

        var host = builder.Build();
        AccountAccessServices.CheckStartup(host.Services);
        host.Run();
    }
}
