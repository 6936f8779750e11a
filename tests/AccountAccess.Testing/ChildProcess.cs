using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace AccountAccess.Testing;

/// <summary>A process started by a test, whose output is kept (for failure messages) and watched for a line.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly ConcurrentQueue<TaskCompletionSource<string>> waiters = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Found)> watches = [];

    private ChildProcess(Process process) => this.process = process;

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for a line matching <paramref name="pattern"/> (already printed or to come).</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout)
    {
        TaskCompletionSource<Match> found;
        lock (output)
        {
            var existing = pattern.Match(output.ToString());
            if (existing.Success)
            {
                return existing;
            }

            found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
            watches.Add((pattern, found));
        }

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(found.Task, exited, Task.Delay(timeout));
        if (first == found.Task)
        {
            return await found.Task;
        }

        throw new InvalidOperationException(
            $"{process.StartInfo.FileName} {(first == exited ? "exited" : "did not print")} '{pattern}' in time. Output:\n{Output}");
    }

    /// <summary>Waits for the process to end by itself (a command such as <c>dotnet publish</c>) and gives its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"{process.StartInfo.FileName} did not end within {timeout}. Output:\n{Output}");
        }

        return process.ExitCode;
    }

    /// <summary>
    /// Asks the process to stop as an operator or a platform would (SIGTERM: Ctrl+C in a terminal, a container being
    /// stopped), so it goes through its graceful shutdown; <see cref="Kill"/> is the crash.
    /// </summary>
    public void Terminate()
    {
        if (!process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            kill!.WaitForExit();
        }
    }

    public void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            foreach (var watch in watches.ToList())
            {
                var match = watch.Pattern.Match(line);
                if (match.Success)
                {
                    watches.Remove(watch);
                    watch.Found.TrySetResult(match);
                }
            }
        }
    }
}
