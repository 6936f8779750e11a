namespace SignInLoad;

/// <summary>One measurement of the pure hash rate (see <see cref="ReferenceHashRate"/>).</summary>
internal sealed record HashRate(double PerSecond, TimeSpan CpuPerHash)
{
    public static HashRate Measure(LoadOptions options, string when)
    {
        Console.WriteLine($"Measuring the pure hash rate {when}: {options.HashIterations} iterations on {Environment.ProcessorCount} threads for {options.HashDuration.TotalSeconds:F0} s ...");
        var (perSecond, cpuPerHash) = ReferenceHashRate.Measure(options.HashIterations, options.HashDuration);
        Console.WriteLine($"  {perSecond:F2} hashes/s, {cpuPerHash.TotalMilliseconds:F1} ms CPU per hash");
        return new HashRate(perSecond, cpuPerHash);
    }
}
