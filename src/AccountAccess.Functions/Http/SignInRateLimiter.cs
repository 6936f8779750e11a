using System.Threading.RateLimiting;
using AccountAccess.Functions.Hosting;

namespace AccountAccess.Functions.Http;

/// <summary>
/// The per-source-IP budget of <see cref="RateLimitedPerIpAttribute"/> functions: a fixed window of one minute holding
/// <c>RateLimits:SignInPerIpPerMinute</c> requests, per instance of the app.
/// </summary>
public sealed class SignInRateLimiter(RateLimitOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(ip =>
        RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.SignInPerIpPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Null when the request may go on; otherwise how long until the window reopens.</summary>
    public TimeSpan? Refuse(string? sourceIp)
    {
        using var lease = limiter.AttemptAcquire(sourceIp ?? "unknown");
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => limiter.Dispose();
}
