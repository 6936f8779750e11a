using AccountAccess.Core.SignIn;
using AccountAccess.Functions.Hosting;

namespace AccountAccess.Functions.Http;

/// <summary>
/// Sign-in's budgets (Core's <see cref="ISignInBudgets"/>), for untrusted requests only — a request from a trusted device
/// takes nothing and is refused by none, and its failures, which count against its device, count against nothing here:
/// <list type="bullet">
/// <item>per source IP (<see cref="SignInRateLimiter"/>): a request permit of <c>RateLimits:SignInPerIpPerMinute</c>, and a
/// refusal once the IP has failed <c>RateLimits:FailedSignInsPerIpPerMinute</c> sign-ins this minute;</item>
/// <item>service-wide (credential stuffing from many IPs, one or two tries each, which no per-IP budget sees): while more
/// than <c>RateLimits:UntrustedFailedSignInsPerMinute</c> untrusted sign-ins failed in the last minute, an IP that failed
/// at least twice more than it succeeded lately (<see cref="SourceStanding.Suspect"/>) is refused at once: its next guess
/// is not hashed;</item>
/// <item>the line of untrusted hashes: a request from an IP that has not signed anyone in lately is refused when
/// <see cref="MaxWaitingPerCore"/> untrusted hashes per core already wait ahead of it (its own queue and those served
/// before it: <see cref="PrioritizedHashAdmission"/>), rather than queue behind a flood for minutes (people on trusted
/// devices and on IPs that signed people in lately still wait their turn, ahead of that line).</item>
/// </list>
/// Every refusal is <c>429 too_many_requests</c> with <c>Retry-After</c>, and depends on the source and the traffic only:
/// an unknown login fails, and so counts, as a wrong password does, so no refusal tells which accounts exist.
/// </summary>
public sealed class SignInBudgets(SignInRateLimiter perIp, SourceHistory history, PrioritizedHashAdmission admission, RateLimitOptions options) : ISignInBudgets
{
    /// <summary>Untrusted hashes (from IPs not in good standing) that may wait per core: about two seconds of waiting. 8.</summary>
    public const int MaxWaitingPerCore = 8;

    /// <summary>What a refusal under the service-wide budget says to wait: the failure count moves in ten-second steps.</summary>
    public static readonly TimeSpan StuffingRetryAfter = TimeSpan.FromSeconds(10);

    /// <summary>What a refusal for a full line of hashes says to wait: about the time the line takes to clear.</summary>
    public static readonly TimeSpan FullLineRetryAfter = TimeSpan.FromSeconds(2);

    public TimeSpan? RefuseUntrusted(string? sourceIp)
    {
        // Seen from now on, whatever comes of it: a flood's addresses are each unseen once a window, however fast they send.
        history.RecordArrival(sourceIp);
        var standing = history.StandingOf(sourceIp);
        if (standing == SourceStanding.Suspect && history.UntrustedFailuresLastMinute() >= options.UntrustedFailedSignInsPerMinute)
        {
            return StuffingRetryAfter;
        }

        // The line is the one this request would wait in and those served before it: suspects piling up behind do not
        // make a person on a new network wait longer, so they do not refuse them either.
        if (standing != SourceStanding.Good && admission.UntrustedWaitingAhead(sourceIp) >= MaxWaitingPerCore * admission.Cores)
        {
            return FullLineRetryAfter;
        }

        return perIp.Refuse(sourceIp);
    }

    public void RecordFailure(string? sourceIp, SignInTrust trust)
    {
        if (trust == SignInTrust.Untrusted)
        {
            perIp.RecordFailure(sourceIp);
            history.RecordFailure(sourceIp, untrusted: true);
        }
    }

    public void RecordSuccess(string? sourceIp) => history.RecordSuccess(sourceIp);
}
