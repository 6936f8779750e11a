using Azure.Storage.Queues;

namespace AccountAccess.Storage;

/// <summary>
/// The queues of the service, created on first use. Messages are Base64, the encoding the Azure Functions queue trigger
/// expects, so the Functions host and the standalone host read the same messages.
/// </summary>
public sealed class StorageQueues(StorageOptions options)
{
    /// <summary>Forgot-password requests, handled after the answer (the lookup and the email).</summary>
    public const string ForgotPasswordRequests = "forgot-password-requests";

    /// <summary>The first step of a welcome-kit batch's fan-out: one message per hundred users.</summary>
    public const string WelcomeKitFanOuts = "welcome-kit-fan-outs";

    /// <summary>One message per user of a welcome-kit batch.</summary>
    public const string WelcomeKits = "welcome-kits";

    /// <summary>Where the Functions host (and the local runner) move a message after its last failed delivery.</summary>
    public static string PoisonOf(string queue) => queue + "-poison";

    private readonly QueueServiceClient service = new(options.ConnectionString, new QueueClientOptions
    {
        MessageEncoding = QueueMessageEncoding.Base64,
        Diagnostics = { IsLoggingEnabled = false },
    });

    private readonly HashSet<string> created = [];
    private readonly SemaphoreSlim creating = new(1, 1);

    public async Task<QueueClient> GetAsync(string queue, CancellationToken cancellationToken)
    {
        var client = service.GetQueueClient(queue);
        if (created.Contains(queue))
        {
            return client;
        }

        await creating.WaitAsync(cancellationToken);
        try
        {
            if (created.Add(queue))
            {
                await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }
        }
        catch
        {
            created.Remove(queue);
            throw;
        }
        finally
        {
            creating.Release();
        }

        return client;
    }
}
