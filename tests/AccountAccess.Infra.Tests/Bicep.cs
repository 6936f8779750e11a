using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace AccountAccess.Infra.Tests;

/// <summary>The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package.</summary>
public static partial class Bicep
{
    private static readonly Lazy<string> LazyExecutable = new(FindExecutable);

    public static string Executable => LazyExecutable.Value;

    /// <summary>Runs the CLI with <paramref name="arguments"/> and returns its exit code and everything it printed.</summary>
    public static BicepRun Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AccountAccess.Testing.RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry, and a deterministic culture for the messages.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within 2 minutes");
        }

        return new BicepRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindExecutable()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The tests use the linux-x64 Bicep CLI package.");
        }

        var path = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepExecutable").Value
            ?? throw new InvalidOperationException("No BicepExecutable metadata in the test assembly.");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The Bicep CLI is not where NuGet restored it.", path);
        }

        const UnixFileMode executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0)
        {
            return path;
        }

        // NuGet does not always keep the executable bit. Set it in place, or on a private copy if the package
        // folder is read-only.
        try
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | executable);
            return path;
        }
        catch (UnauthorizedAccessException)
        {
            var copy = Path.Combine(Path.GetTempPath(), $"accountaccess-bicep-{Environment.ProcessId}", "bicep");
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(path, copy, overwrite: true);
            File.SetUnixFileMode(copy, File.GetUnixFileMode(copy) | executable);
            return copy;
        }
    }

    /// <summary>Lines in which Bicep reports a diagnostic: "file(line,col) : Warning BCP123: …", "… : Error …".</summary>
    [GeneratedRegex(@"^.*\b(warning|error)\b.*$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    public static partial Regex DiagnosticLine();
}

public sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError)
{
    public string Printed => StandardOutput + StandardError;

    public IReadOnlyList<string> Diagnostics =>
        Bicep.DiagnosticLine().Matches(Printed).Select(m => m.Value.TrimEnd()).ToList();

    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
