using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Worker;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;

// An ordinary isolated worker, started by the Functions host (`func start`, or Azure): ASP.NET Core integration, the
// shared HTTP pipeline and the invocation's [DurableClient] (for Core's workflow ports) as worker middleware,
// Application Insights, and the app's services. Where no Functions host can run, src/AccountAccess.StandaloneHost runs
// these same functions (DESIGN.md, "Two hosts, one set of functions").
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<HttpFunctionMiddleware>();
builder.UseMiddleware<DurableClientMiddleware>();
builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
builder.Services.AddAccountAccess(builder.Configuration, builder.Environment);

var host = builder.Build();
AccountAccessServices.CheckStartup(host.Services);
host.Run();
