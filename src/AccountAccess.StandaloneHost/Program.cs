using AccountAccess.StandaloneHost;

// The app's functions without a Functions host (DESIGN.md, "Two hosts, one set of functions"):
// `dotnet run --project src/AccountAccess.StandaloneHost -- --urls http://127.0.0.1:7071`.
Standalone.Run(args);
