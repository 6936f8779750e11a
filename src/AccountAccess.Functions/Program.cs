using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Triggers;

// `emit-functions <dir>` writes the Azure Functions layout generated from the code; anything else runs the app.
if (args is ["emit-functions", var directory, .. var rest])
{
    var layoutApp = AppHost.Build(rest);
    FunctionLayout.Write(directory, layoutApp.Endpoints(), layoutApp.Services.GetRequiredService<FunctionRegistry>());
    Console.WriteLine($"Wrote host.json and the functions' function.json files to {Path.GetFullPath(directory)}");
    return 0;
}

if (args is ["emit-functions"])
{
    Console.Error.WriteLine("usage: emit-functions <dir>");
    return 2;
}

var app = AppHost.Build(args);

// Fail at start-up, not at the first sign-in, when a required secret is missing in Production.
var signingKey = app.Services.GetRequiredService<SigningKey>();
app.Services.GetRequiredService<AccountAccess.Core.TwoFactor.SecretProtector>();
if (signingKey.Generated)
{
    app.Logger.LogWarning("Auth:SigningKey is not set: using a random development key; tokens end with this process.");
}

app.Run();
return 0;
