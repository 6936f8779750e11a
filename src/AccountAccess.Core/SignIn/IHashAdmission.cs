namespace AccountAccess.Core.SignIn;

/// <summary>
/// Lets the CPU-bound password hash of a sign-in onto the cores. A sign-in's hash (the real one, or the decoy for an
/// unknown login) is the one expensive step, so who hashes first under load is the app's fairness: the host may hold
/// a hash back until a core is free, and let some sources wait behind others. It must treat known and unknown logins
/// alike, so waiting never tells whether an account exists.
/// </summary>
public interface IHashAdmission
{
    /// <summary>
    /// Waits until the hash of a sign-in from <paramref name="sourceIp"/> may run; disposing the lease frees its core. A
    /// request from a trusted device (<paramref name="trust"/>) goes before untrusted ones.
    /// </summary>
    ValueTask<IDisposable> AdmitAsync(string? sourceIp, SignInTrust trust, CancellationToken cancellationToken);

    /// <summary>An untrusted request's turn (a step-up password check, say).</summary>
    ValueTask<IDisposable> AdmitAsync(string? sourceIp, CancellationToken cancellationToken) => AdmitAsync(sourceIp, SignInTrust.Untrusted, cancellationToken);
}

/// <summary>Every hash runs at once (unit tests, tools): the operating system shares the cores.</summary>
public sealed class UnlimitedHashAdmission : IHashAdmission
{
    public static UnlimitedHashAdmission Instance { get; } = new();

    private static readonly ValueTask<IDisposable> Admitted = ValueTask.FromResult<IDisposable>(new Lease());

    public ValueTask<IDisposable> AdmitAsync(string? sourceIp, SignInTrust trust, CancellationToken cancellationToken) => Admitted;

    private sealed class Lease : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
