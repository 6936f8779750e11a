namespace AccountAccess.Core.SignIn;

/// <summary>
/// The host's budgets of sign-in attempts (<c>RateLimits:*</c>): per source IP, and service-wide for credential stuffing.
/// Sign-in asks them before an untrusted request costs a hash, and tells them every outcome; trusted requests are never
/// refused by them (a shared office IP under attack still lets its people in). They know nothing of accounts: a refusal
/// depends on the source and the traffic only, so it tells nothing about which accounts exist.
/// </summary>
public interface ISignInBudgets
{
    /// <summary>Null when an untrusted sign-in from <paramref name="sourceIp"/> may go on; otherwise how long until it may try again.</summary>
    TimeSpan? RefuseUntrusted(string? sourceIp);

    /// <summary>Counts a failed sign-in (<c>invalid_credentials</c>: unknown login, wrong password or locked account alike).</summary>
    void RecordFailure(string? sourceIp, SignInTrust trust);

    /// <summary>Counts a proven password from <paramref name="sourceIp"/>.</summary>
    void RecordSuccess(string? sourceIp);
}

/// <summary>No budget (unit tests, tools): every sign-in may go on.</summary>
public sealed class UnlimitedSignInBudgets : ISignInBudgets
{
    public static UnlimitedSignInBudgets Instance { get; } = new();

    public TimeSpan? RefuseUntrusted(string? sourceIp) => null;

    public void RecordFailure(string? sourceIp, SignInTrust trust)
    {
    }

    public void RecordSuccess(string? sourceIp)
    {
    }
}
