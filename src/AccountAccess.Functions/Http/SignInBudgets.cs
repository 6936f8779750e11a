using AccountAccess.Core.SignIn;

namespace AccountAccess.Functions.Http;

/// <summary>
/// Sign-in's budgets (Core's <see cref="ISignInBudgets"/>) over the per-IP limits of <see cref="SignInRateLimiter"/>: an
/// untrusted sign-in takes a request permit of its IP and is refused once that IP has used up its requests or its failed
/// sign-ins for the minute. A request from a trusted device takes nothing and is refused by neither, and its failures,
/// which count against its device, do not count against its IP: one person typing wrong passwords behind an office's
/// NAT (or an attacker on the same network) does not shut out colleagues who signed in there before.
/// </summary>
public sealed class SignInBudgets(SignInRateLimiter perIp) : ISignInBudgets
{
    public TimeSpan? RefuseUntrusted(string? sourceIp) => perIp.Refuse(sourceIp);

    public void RecordFailure(string? sourceIp, SignInTrust trust)
    {
        if (trust == SignInTrust.Untrusted)
        {
            perIp.RecordFailure(sourceIp);
        }
    }

    public void RecordSuccess(string? sourceIp)
    {
    }
}
