using Azure.Core;
using Azure.Core.Pipeline;

namespace AccountAccess.Storage;

/// <summary>
/// Counts the storage requests (round trips) made within a scope, such as one HTTP request, so the number a sign-in
/// costs can be measured rather than guessed. Sits in the Azure SDK pipeline of every storage client.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private static readonly AsyncLocal<StrongBox?> Current = new();

    /// <summary>Starts counting for the current async flow; the count is read from the returned box.</summary>
    public static StrongBox BeginScope()
    {
        var box = new StrongBox();
        Current.Value = box;
        return box;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        if (Current.Value is { } box)
        {
            Interlocked.Increment(ref box.Count);
        }
    }

    /// <summary>The running count of one scope.</summary>
    public sealed class StrongBox
    {
        public int Count;
    }
}
