using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Converters;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AccountAccess.Bench;

/// <summary>
/// What handing the invocation's <c>[DurableClient]</c> to Core's workflow ports costs (docs/operator.md, "Durable
/// workflows"): the conversion every invocation of such a function pays — the Durable extension's own converter, the
/// one the worker runs,
/// turning the host's client settings into its cached gRPC client — against its peer, one call of that client to an
/// in-process Durable Task sidecar (<c>GetInstanceAsync</c>, the least a start does), on the same machine in the same run.
/// </summary>
[SimpleJob(warmupCount: 2, iterationCount: 10)]
[MemoryDiagnoser]
public class DurableClientBindingBenchmarks
{
    private IInputConverter converter = null!;
    private string settings = "";
    private DurableTaskTestHost sidecar = null!;
    private DurableTaskClient client = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var port = FreePort();
        sidecar = await DurableTaskTestHost.StartAsync(_ => { }, new DurableTaskTestHostOptions { Port = port });

        // The extension's converter and client cache are internal: built here as the worker's DI builds them.
        var extension = typeof(DurableClientAttribute).Assembly;
        var provider = Activator.CreateInstance(
            extension.GetType("Microsoft.Azure.Functions.Worker.Extensions.DurableTask.FunctionsDurableClientProvider", throwOnError: true)!,
            NullLoggerFactory.Instance, Options.Create(new DurableTaskClientOptions()))!;
        converter = (IInputConverter)Activator.CreateInstance(
            extension.GetType("Microsoft.Azure.Functions.Worker.Extensions.DurableTask.DurableTaskClientConverter", throwOnError: true)!,
            BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null, [provider], null)!;
        settings = JsonSerializer.Serialize(new
        {
            taskHubName = "",
            connectionName = "",
            rpcBaseUrl = $"http://localhost:{port}/",
            requiredQueryStringParameters = "code=bench",
            httpBaseUrl = "http://localhost/runtime/webhooks/durabletask",
        });
        client = await BindAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await sidecar.DisposeAsync();

    /// <summary>What each invocation of a function with <c>[DurableClient]</c> pays to get its client.</summary>
    [Benchmark(Baseline = true)]
    public Task<DurableTaskClient> BindTheClient() => BindAsync();

    /// <summary>The peer: one round trip of that client to the Durable backend (an instance that does not exist).</summary>
    [Benchmark]
    public Task<OrchestrationMetadata?> OneClientCall() => client.GetInstanceAsync("reset-link:usr_bench");

    private async Task<DurableTaskClient> BindAsync() =>
        (DurableTaskClient)(await converter.ConvertAsync(new SettingsContext(settings))).Value!;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class SettingsContext(string settings) : ConverterContext
    {
        public override Type TargetType => typeof(DurableTaskClient);

        public override object? Source => settings;

        public override FunctionContext FunctionContext => null!;

        public override IReadOnlyDictionary<string, object> Properties { get; } = new Dictionary<string, object>();
    }
}
