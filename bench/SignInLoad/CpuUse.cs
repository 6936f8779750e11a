using System.Diagnostics;

namespace SignInLoad;

/// <summary>CPU seconds a process used during a phase: shows where the shared cores went (app, Azurite, driver).</summary>
internal sealed record CpuUse(string Name, double Seconds)
{
    /// <summary>Reads the CPU time so far of each process; the current one is named <c>driver</c>.</summary>
    public static IReadOnlyList<CpuUse> Read(IReadOnlyList<(string Name, int Pid)> watched) =>
        [.. watched.Select(w => new CpuUse(w.Name, TotalSeconds(w.Pid))), new CpuUse("driver", TotalSeconds(Environment.ProcessId))];

    public static IReadOnlyList<CpuUse> Between(IReadOnlyList<CpuUse> before, IReadOnlyList<CpuUse> after) =>
        [.. after.Zip(before, (a, b) => a with { Seconds = a.Seconds - b.Seconds })];

    private static double TotalSeconds(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime.TotalSeconds;
        }
        catch (ArgumentException)
        {
            return double.NaN;
        }
    }
}
