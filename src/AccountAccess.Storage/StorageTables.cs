using Azure;
using Azure.Data.Tables;

namespace AccountAccess.Storage;

/// <summary>
/// The tables of the service, created on first use. Every client shares one pipeline with the
/// <see cref="StorageRequestCounter"/>.
/// </summary>
public sealed class StorageTables
{
    public const string Users = "Users";
    public const string Logins = "Logins";
    public const string Organizations = "Organizations";
    public const string TimedLocks = "TimedLocks";
    public const string Challenges = "Challenges";
    public const string Members = "Members";
    public const string PendingActivations = "PendingActivations";
    public const string WelcomeKitBatches = "WelcomeKitBatches";

    private static readonly string[] All = [Users, Logins, Organizations, TimedLocks, Challenges, Members, PendingActivations, WelcomeKitBatches];

    private readonly TableServiceClient service;
    private readonly SemaphoreSlim creating = new(1, 1);
    private volatile bool created;

    public StorageTables(StorageOptions options)
    {
        var clientOptions = new TableClientOptions();
        clientOptions.AddPolicy(new StorageRequestCounter(), Azure.Core.HttpPipelinePosition.PerRetry);
        clientOptions.Retry.MaxRetries = 3;
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        service = new TableServiceClient(options.ConnectionString, clientOptions);
    }

    public async Task<TableClient> GetAsync(string table, CancellationToken cancellationToken)
    {
        if (!created)
        {
            await CreateAllAsync(cancellationToken);
        }

        return service.GetTableClient(table);
    }

    /// <summary>Whether storage answers; used by the health endpoint.</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CreateAllAsync(cancellationToken);
            await service.GetTableClient(Users).QueryAsync<TableEntity>(filter: "PartitionKey eq 'health'", maxPerPage: 1, cancellationToken: cancellationToken)
                .AsPages().FirstAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException or TaskCanceledException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task CreateAllAsync(CancellationToken cancellationToken)
    {
        await creating.WaitAsync(cancellationToken);
        try
        {
            if (created)
            {
                return;
            }

            foreach (var table in All)
            {
                await service.GetTableClient(table).CreateIfNotExistsAsync(cancellationToken);
            }

            created = true;
        }
        finally
        {
            creating.Release();
        }
    }
}
