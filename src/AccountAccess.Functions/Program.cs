using AccountAccess.Functions.StandaloneHost;
using AccountAccess.Functions.Worker;

// One build, two hosts (DESIGN.md): started by the Functions host (`func start`, Azure), the app is an ordinary isolated
// worker; started on its own (`dotnet run -- --urls …`, ./scripts/start, the tests), it hosts its functions itself.
if (FunctionsWorker.HostIsPresent(args))
{
    FunctionsWorker.Run(args);
}
else
{
    Standalone.Run(args);
}
