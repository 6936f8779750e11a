using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace DurableTimers;

/// <summary>
/// Counts the storage requests the durable engine makes, by what they do (<c>History query</c>, <c>control receive</c>,
/// …), from the Azure SDK's own event source (<c>Azure-Core</c>: one <c>Request</c> event per HTTP request, retries
/// included), and the events that explain stalls: retries, responses slower than 3 s, error responses by status (a 404
/// or 409 is often expected: DTFx probes before it creates). Snapshots taken at the phases' edges give per-phase counts.
/// </summary>
internal sealed class StorageRequests : EventListener
{
    private static readonly string[] Watched = ["RequestRetrying", "ResponseDelay", "ExceptionResponse"];

    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    private string hubTables = "\0";
    private string hubQueues = "\0";

    public ConcurrentQueue<string> First { get; } = new();

    /// <summary>The task hub whose names are shortened (<c>{hub}History</c> → <c>History</c>, <c>{hub}-control-01</c> → <c>control</c>).</summary>
    public void ForHub(string hubName)
    {
        hubTables = hubName;
        hubQueues = hubName.ToLowerInvariant() + "-";
    }

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(counts, StringComparer.Ordinal);

    /// <summary>What happened between two snapshots: the storage requests by kind, and the SDK's warnings.</summary>
    public static IReadOnlyDictionary<string, long> Between(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.Select(a => (a.Key, Value: a.Value - before.GetValueOrDefault(a.Key))).Where(a => a.Value != 0).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);

    public static long Requests(IReadOnlyDictionary<string, long> counts) => counts.Where(c => c.Key.StartsWith("req ", StringComparison.Ordinal)).Sum(c => c.Value);

    /// <summary>Requests by kind, most frequent first, per <paramref name="per"/> (e.g. per orchestration).</summary>
    public static string Describe(IReadOnlyDictionary<string, long> counts, double per) =>
        string.Join(", ", counts.Where(c => c.Key.StartsWith("req ", StringComparison.Ordinal)).OrderByDescending(c => c.Value)
            .Select(c => $"{c.Key[4..]} {c.Value / per:0.##}"));

    public static string DescribeEvents(IReadOnlyDictionary<string, long> counts) =>
        string.Join(", ", Watched.Select(name => $"{name} {counts.GetValueOrDefault(name)}")
            .Concat(counts.Where(c => c.Key.StartsWith("ErrorResponse ", StringComparison.Ordinal)).OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}")));

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Azure-Core")
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        // Called from the base constructor's replay of existing sources too, before this object's fields are set.
        if (counts is null || e.EventName is null)
        {
            return;
        }

        switch (e.EventName)
        {
            case "Request":
                counts.AddOrUpdate("req " + Kind(Payload(e, "method"), Payload(e, "uri")), 1, (_, c) => c + 1);
                break;
            case "ErrorResponse":
                counts.AddOrUpdate($"ErrorResponse {Payload(e, "status")}", 1, (_, c) => c + 1);
                break;
            default:
                if (Watched.Contains(e.EventName) && counts.AddOrUpdate(e.EventName, 1, (_, c) => c + 1) <= 3)
                {
                    var text = string.Join(" ", e.Payload ?? []).Replace('\n', ' ').Replace('\r', ' ');
                    First.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {e.EventName}: {(text.Length > 300 ? text[..300] : text)}");
                }

                break;
        }
    }

    private static string Payload(EventWrittenEventArgs e, string name)
    {
        var index = e.PayloadNames?.IndexOf(name) ?? -1;
        return index >= 0 && e.Payload is { } payload && index < payload.Count ? payload[index]?.ToString() ?? "" : "";
    }

    /// <summary><c>History query</c>, <c>Instances write</c>, <c>control receive</c>, <c>workitems delete</c>, <c>batch</c>, …</summary>
    private string Kind(string method, string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            return method + " ?";
        }

        // Path style (Azurite): /devstoreaccount1/{resource}...; account style (Azure): /{resource}...
        var segments = parsed.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var start = segments.Length > 1 && segments[0] == "devstoreaccount1" ? 1 : 0;
        if (segments.Length <= start)
        {
            return method + " account";
        }

        var resource = Uri.UnescapeDataString(segments[start]);
        var query = parsed.Query;
        if (resource == "$batch")
        {
            return "table batch";
        }

        var paren = resource.IndexOf('(');
        if (paren >= 0 || IsTable(resource))
        {
            // A table: Name() is a query, Name(PartitionKey='…',RowKey='…') one entity.
            var name = paren >= 0 ? resource[..paren] : resource;
            name = name.StartsWith(hubTables, StringComparison.Ordinal) ? name[hubTables.Length..] : name;
            var entity = paren >= 0 && resource.Length > paren + 2;
            return method switch
            {
                "GET" => $"{name} {(entity ? "read" : "query")}",
                "POST" => $"{name} insert",
                "DELETE" => $"{name} delete",
                _ => $"{name} {(entity ? "write" : method)}",
            };
        }

        var queue = resource.StartsWith(hubQueues, StringComparison.Ordinal) ? resource[hubQueues.Length..] : resource;
        if (queue.StartsWith("control-", StringComparison.Ordinal))
        {
            queue = "control";
        }

        var messages = segments.Length > start + 1 && segments[start + 1] == "messages";
        if (!messages)
        {
            return $"{queue} {method}{(query.Contains("comp=lease", StringComparison.Ordinal) ? " lease" : query.Contains("comp=metadata", StringComparison.Ordinal) ? " metadata" : "")}";
        }

        var one = segments.Length > start + 2;
        return method switch
        {
            "POST" => $"{queue} send",
            "GET" => query.Contains("peekonly", StringComparison.OrdinalIgnoreCase) ? $"{queue} peek" : $"{queue} receive",
            "DELETE" => one ? $"{queue} delete" : $"{queue} clear",
            "PUT" => $"{queue} update",
            _ => $"{queue} {method}",
        };
    }

    // The hub's tables are named {hub}History, …; its queues and containers are lower case, with a dash.
    private bool IsTable(string resource) => resource == "Tables" || resource.StartsWith(hubTables, StringComparison.Ordinal) && !resource.Contains('-');
}
