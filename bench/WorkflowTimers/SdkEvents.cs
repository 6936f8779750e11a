using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;

namespace WorkflowTimers;

/// <summary>
/// Counts the Azure SDK's own diagnostics (event source <c>Azure-Core</c>) that explain stalls: retries, slow
/// responses (the SDK flags any response slower than 3 s), failed responses. Keeps the first few of each.
/// </summary>
internal sealed class SdkEvents : IDisposable
{
    private static readonly string[] Watched = ["RequestRetrying", "ResponseDelay", "ErrorResponse", "ExceptionResponse"];
    private readonly AzureEventSourceListener listener;

    public SdkEvents()
    {
        listener = new AzureEventSourceListener(OnEvent, EventLevel.Informational);
    }

    public ConcurrentDictionary<string, int> Counts { get; } = new();

    public ConcurrentQueue<string> First { get; } = new();

    public void Dispose() => listener.Dispose();

    public string Describe() =>
        string.Join(", ", Watched.Select(name => $"{name} {Counts.GetValueOrDefault(name)}"));

    private void OnEvent(EventWrittenEventArgs e, string message)
    {
        if (e.EventName is null || !Watched.Contains(e.EventName))
        {
            return;
        }

        var count = Counts.AddOrUpdate(e.EventName, 1, (_, c) => c + 1);
        if (count <= 3)
        {
            var line = message.Replace('\n', ' ').Replace('\r', ' ');
            First.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {e.EventName}: {(line.Length > 300 ? line[..300] : line)}");
        }
    }
}
