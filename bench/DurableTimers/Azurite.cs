using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DurableTimers;

/// <summary>
/// An in-memory Azurite on free loopback ports (the flags <c>run-signin-load.sh</c> uses), its ports read from its
/// "successfully listening at" lines. Stopped (this process only, by its id) on dispose.
/// </summary>
internal sealed partial class Azurite : IAsyncDisposable
{
    private readonly Process process;

    private readonly ConcurrentQueue<string> log;

    private Azurite(Process process, ConcurrentQueue<string> log, int blob, int queue, int table)
    {
        this.process = process;
        this.log = log;
        ConnectionString =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
        Description = $"in-memory Azurite, pid {process.Id}, blob {blob}, queue {queue}, table {table}";
    }

    public string ConnectionString { get; }

    public string Description { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Why it stopped: its exit code and its last lines of output.</summary>
    public string Obituary() => $"Azurite (pid {process.Id}) exited with code {(process.HasExited ? process.ExitCode : 0)}; its last output:\n  " + string.Join("\n  ", log);

    /// <summary>Resident memory, MB (from /proc), or NaN.</summary>
    public double ResidentMegabytes()
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    private static void Keep(ConcurrentQueue<string> log, string line)
    {
        log.Enqueue(line);
        while (log.Count > 40 && log.TryDequeue(out _))
        {
        }
    }

    public static async Task<Azurite> StartAsync(string executable, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", "0", "--queueHost", "127.0.0.1", "--queuePort", "0",
            "--tableHost", "127.0.0.1", "--tablePort", "0",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var ports = new Dictionary<string, int>();
        var output = new List<string>();
        var log = new ConcurrentQueue<string>();
        _ = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync(CancellationToken.None) is { } line)
            {
                Keep(log, "stderr: " + line);
            }
        }, CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            while (ports.Count < 3)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException("Azurite stopped:\n" + string.Join('\n', output));
                output.Add(line);
                var match = Listening().Match(line);
                if (match.Success)
                {
                    ports[match.Groups[1].Value] = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        catch
        {
            Stop(process);
            throw;
        }

        // Keep draining its output so it never blocks on a full pipe.
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync(CancellationToken.None) is { } line)
            {
                Keep(log, line);
            }
        }, CancellationToken.None);
        return new Azurite(process, log, ports["Blob"], ports["Queue"], ports["Table"]);
    }

    public ValueTask DisposeAsync()
    {
        Stop(process);
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                // SIGTERM first: Azurite shuts down cleanly (and a `node --cpu-prof` wrapper writes its profile);
                // SIGKILL if it has not gone within 15 s. Only this process, by its id.
                using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
                {
                    term?.WaitForExit(5000);
                }

                if (!process.WaitForExit(15_000))
                {
                    process.Kill();
                    process.WaitForExit(5000);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    [GeneratedRegex(@"Azurite (Blob|Queue|Table) service is successfully listening at http://127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();
}
