namespace AccountAccess.Functions.Http;

/// <summary>
/// The function counts against its source IP's sign-in budget (<c>RateLimits:SignInPerIpPerMinute</c>): sign-in,
/// forgot-password, reset and two-factor, so that per-account lockout cannot be turned into a cheap way to lock everyone
/// out, nor passwords be sprayed quickly. Beyond it: <c>429 too_many_requests</c> with <c>Retry-After</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RateLimitedPerIpAttribute : Attribute
{
    /// <summary>
    /// The function's Core service applies the budgets itself, once it knows whether the request comes from a trusted
    /// device of the account it names (sign-in: those are never refused by them), so the pipeline neither refuses nor counts.
    /// </summary>
    public bool TrustedDevicesExempt { get; init; }
}
