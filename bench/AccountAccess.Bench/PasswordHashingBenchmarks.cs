using AccountAccess.Core.Passwords;
using BenchmarkDotNet.Attributes;

namespace AccountAccess.Bench;

/// <summary>
/// The cost of one password check at the production iteration count (PBKDF2-HMAC-SHA512, 210,000 iterations): the
/// floor of a sign-in's latency and, divided into the cores, the ceiling of sign-in throughput.
/// </summary>
[SimpleJob(warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class PasswordHashingBenchmarks
{
    private const string Password = "correct horse battery staple";

    private readonly PasswordHashing hashing = new(PasswordHashing.DefaultIterations);
    private string hash = "";

    [GlobalSetup]
    public void Setup() => hash = hashing.Hash(Password);

    [Benchmark(Baseline = true)]
    public PasswordCheck Verify() => hashing.Verify(hash, Password);

    [Benchmark]
    public string Hash() => hashing.Hash(Password);
}
