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

    /// <summary>The requests each source IP may make in a window.</summary>
    public int PermitLimit { get; } = Math.Max(1, options.SignInPerIpPerMinute);

    /// <summary>How many requests <paramref name="sourceIp"/> made in the current window.</summary>
    public long UsedThisWindow(string? sourceIp) =>
        limiter.GetStatistics(sourceIp ?? "unknown") is { } statistics ? Math.Max(0, PermitLimit - statistics.CurrentAvailablePermits) : 0;

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
