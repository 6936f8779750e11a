using System.Globalization;

namespace Bench.Shared;

/// <summary>The option values the benchmark drivers share; a bad one is an <see cref="ArgumentException"/> naming the option.</summary>
internal static class OptionValues
{
    public static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} takes a positive whole number, not '{value}'");

    /// <summary><c>--watch NAME=PID</c>: a process whose CPU time the driver reports.</summary>
    public static (string Name, int Pid) Watched(string value)
    {
        var parts = value.Split('=', 2);
        return parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? (parts[0], pid)
            : throw new ArgumentException("--watch takes NAME=PID");
    }
}
