using System.Globalization;
using System.Threading.RateLimiting;
using AccountAccess.Core.Errors;
using AccountAccess.Functions.Errors;
using Microsoft.AspNetCore.RateLimiting;

namespace AccountAccess.Functions.Hosting;

/// <summary>
/// Per-source-IP throttling of sign-in, forgot-password and 2FA (<c>RateLimits:SignInPerIpPerMinute</c>), so that
/// per-account lockout cannot be turned into a cheap way to lock everyone out, nor passwords be sprayed quickly.
/// </summary>
public static class RateLimiting
{
    public const string SignInPolicy = "sign-in";

    public static IServiceCollection AddSignInRateLimiting(this IServiceCollection services, RateLimitOptions options) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(SignInPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.SourceIp() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, options.SignInPerIpPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await ApiError.Of(ErrorCode.TooManyRequests).ExecuteAsync(rejected.HttpContext);
            };
        });
}
