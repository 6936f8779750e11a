using System.Threading.RateLimiting;
using AccountAccess.Functions.Hosting;

namespace AccountAccess.Functions.Http;

/// <summary>
/// The per-source-IP budgets of <see cref="RateLimitedPerIpAttribute"/> functions, in fixed windows of one minute, per
/// instance of the app: <c>RateLimits:SignInPerIpPerMinute</c> requests, and <c>RateLimits:FailedSignInsPerIpPerMinute</c>
/// failed sign-ins. Once an IP has failed that often, its requests are refused before they cost a hash: a sprayer of
/// unknown logins, each of which costs a decoy hash as dear as a real one, is stopped after a few dozen.
/// </summary>
public sealed class SignInRateLimiter(RateLimitOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> failures = PartitionedRateLimiter.Create<string, string>(ip =>
        RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.FailedSignInsPerIpPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

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
        var ip = sourceIp ?? "unknown";
        if (failures.GetStatistics(ip) is { CurrentAvailablePermits: <= 0 })
        {
            // Out of failures for this window: refused without taking a request permit. When the window reopens is not
            // exposed without acquiring, so the answer says a full window (at most a minute too long).
            return TimeSpan.FromMinutes(1);
        }

        using var lease = limiter.AttemptAcquire(ip);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }

    /// <summary>Counts a failed sign-in (<c>invalid_credentials</c>) against <paramref name="sourceIp"/>.</summary>
    public void RecordFailure(string? sourceIp)
    {
        using var _ = failures.AttemptAcquire(sourceIp ?? "unknown");
    }

    public void Dispose()
    {
        limiter.Dispose();
        failures.Dispose();
    }
}
