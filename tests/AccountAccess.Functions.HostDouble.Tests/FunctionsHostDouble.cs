using System.Collections.Concurrent;
using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AccountAccess.Functions.HostDouble.Tests;

/// <summary>
/// The Functions host's side of the worker's gRPC protocol (the <c>FunctionRpc</c> service's <c>EventStream</c>), as much
/// of it as starting a worker and invoking its functions takes: it serves the stream on a loopback HTTP/2 port, waits for
/// the worker's <c>StartStream</c>, then sends requests and pairs each answer with its request by request id (the worker
/// copies it). The worker's logs (<c>RpcLog</c>) are kept for the failure messages.
/// </summary>
public sealed class FunctionsHostDouble : FunctionRpc.FunctionRpcBase, IAsyncDisposable
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> pending = new();
    private readonly TaskCompletionSource<IServerStreamWriter<StreamingMessage>> connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly ConcurrentQueue<string> logs = new();
    private WebApplication? server;

    /// <summary>The address the worker is told to connect to (<c>--functions-uri</c>).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The worker's id, as the host passes it (<c>--functions-worker-id</c>) and the worker sends it back.</summary>
    public string WorkerId { get; } = Guid.NewGuid().ToString();

    /// <summary>What the worker logged over the stream, newest last.</summary>
    public string Logs => string.Join(Environment.NewLine, logs);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = null);
        builder.Services.AddSingleton(this);
        server = builder.Build();
        server.MapGrpcService<FunctionsHostDouble>();
        await server.StartAsync();
        Address = new Uri(server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    /// <summary>The arguments the Functions host starts a .NET isolated worker with.</summary>
    public IEnumerable<string> WorkerArguments(string requestId) =>
    [
        "--host", Address.Host, "--port", Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--workerId", WorkerId, "--requestId", requestId, "--grpcMaxMessageLength", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--functions-uri", Address.ToString(), "--functions-worker-id", WorkerId, "--functions-request-id", requestId,
        "--functions-grpc-max-message-length", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];

    /// <summary>Waits for the worker to open the stream and say who it is.</summary>
    public Task WaitForWorkerAsync(TimeSpan timeout) => connected.Task.WaitAsync(timeout);

    /// <summary>Sends <paramref name="request"/> and gives the worker's answer to it.</summary>
    public async Task<StreamingMessage> SendAsync(StreamingMessage request)
    {
        var stream = await connected.Task;
        request.RequestId = Guid.NewGuid().ToString();
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[request.RequestId] = answer;
        await writing.WaitAsync();
        try
        {
            await stream.WriteAsync(request);
        }
        finally
        {
            writing.Release();
        }

        try
        {
            return await answer.Task.WaitAsync(AnswerTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The worker did not answer {request.ContentCase} in {AnswerTimeout.TotalSeconds} s. Its logs:{Environment.NewLine}{Logs}");
        }
    }

    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
        {
            switch (message.ContentCase)
            {
                case StreamingMessage.ContentOneofCase.StartStream when message.StartStream.WorkerId == WorkerId:
                    connected.TrySetResult(responseStream);
                    break;
                case StreamingMessage.ContentOneofCase.RpcLog:
                    logs.Enqueue($"{message.RpcLog.Level} {message.RpcLog.Category}: {message.RpcLog.Message} {message.RpcLog.Exception?.Message}");
                    break;
                default:
                    if (pending.TryRemove(message.RequestId, out var answer))
                    {
                        answer.TrySetResult(message);
                    }

                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }

        writing.Dispose();
    }
}
