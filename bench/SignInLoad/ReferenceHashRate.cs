using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SignInLoad;

/// <summary>
/// The pure hash rate of this machine: ASP.NET Core Identity's PBKDF2 password verification (the app's hasher, at the
/// app's iteration count) on every core at once, with nothing else to do. Sign-in throughput cannot exceed it, since
/// every sign-in verifies one hash.
/// </summary>
internal static class ReferenceHashRate
{
    /// <summary>Hashes per second with every core busy, and the CPU time one hash took meanwhile.</summary>
    public static (double PerSecond, TimeSpan CpuPerHash) Measure(int iterations, TimeSpan duration)
    {
        var hasher = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = iterations }));
        var owner = new object();
        const string password = "reference-hash-rate-password";
        var hash = hasher.HashPassword(owner, password);
        if (hasher.VerifyHashedPassword(owner, hash, password) != PasswordVerificationResult.Success)
        {
            throw new InvalidOperationException("the reference hash does not verify");
        }

        var threads = Environment.ProcessorCount;
        var rates = new double[threads];
        var counts = new int[threads];
        using var start = new ManualResetEventSlim();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.Wait();
            var clock = Stopwatch.StartNew();
            var done = 0;
            while (clock.Elapsed < duration)
            {
                hasher.VerifyHashedPassword(owner, hash, password);
                done++;
            }

            // Rate up to this thread's last completed hash, so the overrun past the deadline does not skew it.
            rates[t] = done / clock.Elapsed.TotalSeconds;
            counts[t] = done;
        })
        { IsBackground = true, Name = $"hash-{t}" }).ToList();

        workers.ForEach(w => w.Start());
        var cpuBefore = Environment.CpuUsage.TotalTime;
        start.Set();
        workers.ForEach(w => w.Join());
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        return (rates.Sum(), cpu / Math.Max(1, counts.Sum()));
    }
}
