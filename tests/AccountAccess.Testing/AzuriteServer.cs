using System.Text.RegularExpressions;

namespace AccountAccess.Testing;

/// <summary>
/// A real Azurite (the official Azure Storage emulator, from the repository's node_modules) in memory on free
/// loopback ports. One is shared by all the tests of a test process and stopped when the process ends.
/// </summary>
public sealed partial class AzuriteServer : IDisposable
{
    // Azurite's well-known development account, public by design.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<Task<AzuriteServer>> SharedServer = new(StartAsync);

    private readonly ChildProcess process;

    private AzuriteServer(ChildProcess process, int blobPort, int queuePort, int tablePort)
    {
        this.process = process;
        ConnectionString =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey + ";" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    /// <summary>The Azurite shared by this test process, started on first use.</summary>
    public static Task<AzuriteServer> SharedAsync() => SharedServer.Value;

    public static async Task<AzuriteServer> StartAsync()
    {
        if (!File.Exists(RepositoryPaths.Azurite))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed at {RepositoryPaths.Azurite}. Run the tests with ./scripts/test, which installs it (npm ci).");
        }

        var process = ChildProcess.Start(RepositoryPaths.Azurite,
        [
            "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", "0",
            "--queueHost", "127.0.0.1", "--queuePort", "0",
            "--tableHost", "127.0.0.1", "--tablePort", "0",
        ]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => process.Kill();

        var timeout = TimeSpan.FromSeconds(60);
        var blob = await process.WaitForLineAsync(Listening("Blob"), timeout);
        var queue = await process.WaitForLineAsync(Listening("Queue"), timeout);
        var table = await process.WaitForLineAsync(Listening("Table"), timeout);
        return new AzuriteServer(process, Port(blob), Port(queue), Port(table));
    }

    public void Dispose() => process.Dispose();

    private static Regex Listening(string service) =>
        new($"Azurite {service} service is successfully listening at http://127.0.0.1:(\\d+)");

    private static int Port(Match match) => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
}
