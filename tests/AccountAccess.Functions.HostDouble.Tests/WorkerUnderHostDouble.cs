using System.Text.Json;
using System.Text.Json.Nodes;
using AccountAccess.Testing;
using Google.Protobuf;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.DurableTask.Testing;

namespace AccountAccess.Functions.HostDouble.Tests;

/// <summary>
/// The built app started as the Functions host starts its worker — <c>dotnet AccountAccess.Functions.dll</c> with the host's
/// arguments and <c>FUNCTIONS_APPLICATION_DIRECTORY</c> — on its own Azurite, then initialised (<c>WorkerInitRequest</c>),
/// asked for its functions (<c>FunctionsMetadataRequest</c>) and made to load each (<c>FunctionLoadRequest</c>). Functions
/// are then invoked as the host invokes them: every input binding of the function's metadata is given the data the host
/// gives it (the trigger's, and the <c>[DurableClient]</c>'s client settings pointing at an in-memory Durable Task sidecar
/// that stands for the host's Durable extension), and an HTTP function's request is forwarded to the worker's own HTTP
/// port with its invocation id, as the ASP.NET Core integration expects.
/// </summary>
public sealed class WorkerUnderHostDouble : IAsyncLifetime
{
    public const string OperatorKey = "host-double-operator-key";

    /// <summary>The header the ASP.NET Core integration pairs a forwarded request with its invocation by.</summary>
    private const string InvocationIdHeader = "x-ms-invocation-id";

    private static readonly IReadOnlyDictionary<string, string> NoRouteValues = new Dictionary<string, string>();

    private readonly FunctionsHostDouble host = new();
    private AzuriteServer? azurite;
    private ChildProcess? worker;
    private Dictionary<string, RpcFunctionMetadata> functions = [];
    private HttpClient http = null!;
    private int durablePort;

    /// <summary>The Durable Task sidecar behind the <c>[DurableClient]</c> binding, with a client to look into it.</summary>
    public DurableTaskTestHost Durable { get; private set; } = null!;

    public string MailFolder { get; } = Directory.CreateTempSubdirectory("host-double-mail-").FullName;

    /// <summary>What the worker wrote: its logs over the stream and its console.</summary>
    public string Logs => host.Logs + Environment.NewLine + worker?.Output;

    /// <summary>The functions the worker described, by name.</summary>
    public IReadOnlyDictionary<string, RpcFunctionMetadata> Functions => functions;

    /// <summary>What the worker answered to each load request, by function name.</summary>
    public IReadOnlyDictionary<string, FunctionLoadResponse> Loaded { get; private set; } = new Dictionary<string, FunctionLoadResponse>();

    /// <summary>The worker's answer to the init request (its capabilities: <c>HttpUri</c>, …).</summary>
    public WorkerInitResponse Init { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartAsync();
        durablePort = FreePorts.Next();
        Durable = await DurableTaskTestHost.StartAsync(_ => { }, new DurableTaskTestHostOptions { Port = durablePort });
        await host.StartAsync();

        var appDirectory = RepositoryPaths.FunctionsApp;
        worker = ChildProcess.Start("dotnet", [Path.Combine(appDirectory, "AccountAccess.Functions.dll"), .. host.WorkerArguments(Guid.NewGuid().ToString())], new Dictionary<string, string?>
        {
            ["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory,
            ["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory,
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Operator__ApiKey"] = OperatorKey,
            ["Email__PickupDirectory"] = MailFolder,
            ["Sms__PickupDirectory"] = MailFolder,
            ["Logging__LogLevel__Default"] = "Warning",
        }, workingDirectory: appDirectory);

        try
        {
            await host.WaitForWorkerAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"The worker never opened its stream to the host:{Environment.NewLine}{worker.Output}");
        }

        Init = (await host.SendAsync(new StreamingMessage
        {
            WorkerInitRequest = new WorkerInitRequest
            {
                HostVersion = "4.1040.0",
                FunctionAppDirectory = appDirectory,
                WorkerDirectory = appDirectory,
                Capabilities = { ["HandlesWorkerTerminateMessage"] = "1" },
            },
        })).WorkerInitResponse;
        http = new HttpClient { BaseAddress = new Uri(Init.Capabilities["HttpUri"]), Timeout = TimeSpan.FromSeconds(60) };

        var metadata = (await host.SendAsync(new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory } })).FunctionMetadataResponse;
        functions = metadata.FunctionMetadataResults.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var loaded = new Dictionary<string, FunctionLoadResponse>(StringComparer.Ordinal);
        foreach (var function in functions.Values)
        {
            loaded[function.Name] = (await host.SendAsync(new StreamingMessage
            {
                FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function },
            })).FunctionLoadResponse;
        }

        Loaded = loaded;
    }

    /// <summary>
    /// Invokes the HTTP function <paramref name="functionName"/>: the invocation over gRPC and <paramref name="request"/>
    /// (its path below the route prefix) forwarded to the worker's HTTP port at the same time, as the host does.
    /// </summary>
    public async Task<(HttpResponseMessage Http, InvocationResponse Invocation)> InvokeHttpAsync(string functionName, HttpRequestMessage request)
    {
        var function = functions[functionName];
        var invocationId = Guid.NewGuid().ToString();
        var path = request.RequestUri!.OriginalString.TrimStart('/');
        var invocation = InvocationOf(function, invocationId, RouteValues(function, path));
        request.RequestUri = new Uri(http.BaseAddress!, "api/" + path);
        request.Headers.Add(InvocationIdHeader, invocationId);

        var answered = host.SendAsync(invocation);
        var response = await http.SendAsync(request);
        return (response, (await answered).InvocationResponse);
    }

    /// <summary>Invokes the timer function <paramref name="functionName"/> as a tick of its schedule.</summary>
    public async Task<InvocationResponse> InvokeTimerAsync(string functionName) =>
        (await host.SendAsync(InvocationOf(functions[functionName], Guid.NewGuid().ToString(), NoRouteValues))).InvocationResponse;

    /// <summary>Invokes the queue function <paramref name="functionName"/> with a message of <paramref name="text"/>.</summary>
    public async Task<InvocationResponse> InvokeQueueAsync(string functionName, string text) =>
        (await host.SendAsync(InvocationOf(functions[functionName], Guid.NewGuid().ToString(), NoRouteValues, text))).InvocationResponse;

    /// <summary>The bindings of a function of the worker's metadata (its raw JSON, as functions.metadata has it).</summary>
    public IReadOnlyList<JsonNode> BindingsOf(string functionName) =>
        functions[functionName].RawBindings.Select(raw => JsonNode.Parse(raw)!).ToList();

    private StreamingMessage InvocationOf(RpcFunctionMetadata function, string invocationId, IReadOnlyDictionary<string, string> routeValues, string? queueMessage = null)
    {
        var invocation = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = function.FunctionId,
            // The host always sends one (the worker reads it unchecked): a W3C trace parent of the invocation.
            TraceContext = new RpcTraceContext { TraceParent = $"00-{Guid.NewGuid():N}-{Guid.NewGuid().ToString("N")[..16]}-01" },
        };
        foreach (var (name, binding) in function.Bindings.Where(b => b.Value.Direction == BindingInfo.Types.Direction.In))
        {
            invocation.InputData.Add(new ParameterBinding { Name = name, Data = InputFor(binding.Type, queueMessage) });
        }

        foreach (var (name, value) in routeValues)
        {
            invocation.TriggerMetadata[name] = new TypedData { String = value };
        }

        return new StreamingMessage { InvocationRequest = invocation };
    }

    /// <summary>What the host gives each kind of input binding.</summary>
    private TypedData InputFor(string bindingType, string? queueMessage) => bindingType switch
    {
        // Under the ASP.NET Core integration the request itself comes over HTTP; the invocation only names it.
        "httpTrigger" => new TypedData { Http = new RpcHttp() },
        "timerTrigger" => new TypedData { Json = """{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}""" },
        // A QueueMessage parameter is bound from the queue extension's model binding data (deferred binding).
        "queueTrigger" => new TypedData
        {
            ModelBindingData = new ModelBindingData
            {
                Version = "1.0",
                Source = "AzureStorageQueues",
                ContentType = "application/json",
                Content = ByteString.CopyFromUtf8(JsonSerializer.Serialize(new
                {
                    MessageId = Guid.NewGuid().ToString(),
                    PopReceipt = "pop-receipt",
                    MessageText = queueMessage ?? string.Empty,
                    DequeueCount = 1,
                })),
            },
        },
        // The Durable extension's client settings; the worker's extension opens a gRPC client on rpcBaseUrl. No hub or
        // connection name: with them the extension sends its calls through an HttpClient of its own, which the
        // in-process sidecar's endpoint (HTTP/1.1 and HTTP/2) answers in HTTP/1.1, where the host's listener speaks
        // HTTP/2 only; the sidecar serves one hub anyway.
        "durableClient" => new TypedData
        {
            String = JsonSerializer.Serialize(new
            {
                taskHubName = "",
                connectionName = "",
                rpcBaseUrl = $"http://localhost:{durablePort}/",
                requiredQueryStringParameters = "code=host-double",
                httpBaseUrl = "http://localhost/runtime/webhooks/durabletask",
            }),
        },
        _ => throw new NotSupportedException($"The host double gives no data to a {bindingType} binding."),
    };

    /// <summary>The route values of a request path, matched against the function's route template as the host's router does.</summary>
    private IReadOnlyDictionary<string, string> RouteValues(RpcFunctionMetadata function, string path)
    {
        var trigger = BindingsOf(function.Name).Single(b => b["type"]!.GetValue<string>() == "httpTrigger");
        var route = trigger["route"]?.GetValue<string>() ?? function.Name;
        var values = new RouteValueDictionary();
        var pathOnly = path.Split('?')[0];
        if (!new TemplateMatcher(TemplateParser.Parse(route), new RouteValueDictionary()).TryMatch("/" + pathOnly, values))
        {
            throw new ArgumentException($"{path} does not match the route {route} of {function.Name}.");
        }

        return values.ToDictionary(v => v.Key, v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
    }

    public async Task DisposeAsync()
    {
        http?.Dispose();
        worker?.Dispose();
        await host.DisposeAsync();
        if (Durable is not null)
        {
            await Durable.DisposeAsync();
        }

        azurite?.Dispose();
        Directory.Delete(MailFolder, recursive: true);
    }
}
