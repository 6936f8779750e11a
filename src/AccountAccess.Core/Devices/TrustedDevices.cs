using System.Globalization;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.SignIn;

namespace AccountAccess.Core.Devices;

/// <summary>
/// The rules of trusted devices (OWASP "device cookies"; API.md "Trusted devices"). Every sign-in that ends in
/// <c>status: "ok"</c> trusts its client: a new device, or the one the request came from, renewed. A request that names
/// an account and carries one of its valid tokens is trusted: a lock for too many attempts does not keep it out (where the
/// policy says so), and its own wrong passwords count against its device only — after <c>maxFailedAttempts</c> of them the
/// device is no longer trusted. A new password through a reset link or from an administrator ends every device. Pure: each
/// method returns the changed user and the audit events to save with it.
/// </summary>
public static class TrustedDevices
{
    /// <summary>How long a device stays trusted after the sign-in that last renewed it (API.md: 90 days).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    /// <summary>
    /// A sign-in renews its device's 90 days only when the last renewal is older than this, so that signing in again and
    /// again from a trusted device costs no write. Defaults to one day.
    /// </summary>
    public static readonly TimeSpan RenewalInterval = TimeSpan.FromDays(1);

    /// <summary>
    /// The most devices an account keeps; a new one beyond replaces the one renewed longest ago (a phone, a laptop, a
    /// shared counter terminal… twenty is far more than a person uses). Defaults to 20.
    /// </summary>
    public const int MaxPerAccount = 20;

    /// <summary>
    /// The device of <paramref name="user"/> whose token is <paramref name="token"/>, if it is still valid at
    /// <paramref name="now"/>. Every stored hash is compared, in constant time, whatever matches.
    /// </summary>
    public static TrustedDevice? Recognize(User user, string? token, DateTimeOffset now)
    {
        if (!DeviceTokens.IsWellFormed(token))
        {
            return null;
        }

        var hash = DeviceTokens.Hash(token!);
        TrustedDevice? found = null;
        foreach (var device in user.TrustedDevices)
        {
            if (DeviceTokens.SameHash(device.TokenHash, hash) && device.IsValidAt(now))
            {
                found = device;
            }
        }

        return found;
    }

    /// <summary>
    /// Whether a request from device <paramref name="deviceId"/> signs in through <paramref name="user"/>'s lock: a lock
    /// for too many attempts (the guessing of others), a device still trusted, and a policy that lets trusted devices through.
    /// </summary>
    public static bool PassThroughLock(User user, string? deviceId, LockoutPolicy policy, DateTimeOffset now) =>
        deviceId is not null
        && policy.TrustedDevicesBypassLockout
        && user.Deactivation is { Reason: DeactivationReason.TooManyAttempts }
        && user.TrustedDevices.Any(d => d.Id == deviceId && d.IsValidAt(now));

    /// <summary>
    /// Counts a wrong password from trusted device <paramref name="deviceId"/> against that device only; the
    /// <paramref name="policy"/>'s <c>maxFailedAttempts</c>-th ends its trust (its later requests are like anyone's).
    /// </summary>
    public static (User User, IReadOnlyList<AuditEvent> Events) RegisterFailure(
        User user, string deviceId, LockoutPolicy policy, RequestContext context, DateTimeOffset now)
    {
        if (user.TrustedDevices.FirstOrDefault(d => d.Id == deviceId) is not { } device)
        {
            return (user, []);
        }

        var failures = device.FailedAttempts + 1;
        var details = new Dictionary<string, string>
        {
            ["trustedDevice"] = deviceId,
            ["deviceFailedAttempts"] = failures.ToString(CultureInfo.InvariantCulture),
        };
        var events = new List<AuditEvent> { AuditEvent.Create(AuditAction.SignInFailed, context, now, "wrong_password", details) };
        if (failures < policy.MaxFailedAttempts)
        {
            return (Replace(user, device with { FailedAttempts = failures }), events);
        }

        events.Add(Revoked(deviceId, "too_many_attempts", context, now));
        return (user with { TrustedDevices = [.. user.TrustedDevices.Where(d => d.Id != deviceId)] }, events);
    }

    /// <summary>
    /// Trusts the client of a sign-in that ends in <c>status: "ok"</c> and gives its token. <paramref name="claim"/> is the
    /// trusted device the sign-in came from, if any: with its token (a login), the same token is renewed (written at most
    /// once a day); without it (the second-factor step, which knows the device but not its token) a new token replaces the
    /// device's old one. Otherwise a new device is added, replacing the one renewed longest ago beyond
    /// <see cref="MaxPerAccount"/>; expired devices are dropped on the way.
    /// </summary>
    public static (User User, string Token, IReadOnlyList<AuditEvent> Events) Trust(
        User user, TrustedDeviceClaim? claim, RequestContext context, DateTimeOffset now)
    {
        var live = user.TrustedDevices.Where(d => d.IsValidAt(now)).ToList();
        var current = user with { TrustedDevices = live };
        if (claim is not null && live.FirstOrDefault(d => d.Id == claim.DeviceId) is { } device)
        {
            var renewed = device with { RenewedAt = now, ExpiresAt = now + Lifetime, FailedAttempts = 0 };
            if (claim.Token is { } token && DeviceTokens.SameHash(device.TokenHash, DeviceTokens.Hash(token)))
            {
                var due = now - device.RenewedAt >= RenewalInterval || device.FailedAttempts > 0 || live.Count != user.TrustedDevices.Count;
                return due ? (Replace(current, renewed), token, [Renewed(device.Id, "signed_in", context, now)]) : (user, token, []);
            }

            var (newToken, newHash) = DeviceTokens.New();
            return (Replace(current, renewed with { TokenHash = newHash }), newToken, [Renewed(device.Id, "new_token", context, now)]);
        }

        var (fresh, hash) = DeviceTokens.New();
        var added = new TrustedDevice
        {
            Id = Ids.NewDeviceId(),
            TokenHash = hash,
            CreatedAt = now,
            RenewedAt = now,
            ExpiresAt = now + Lifetime,
            FirstIp = context.Ip,
        };
        var events = new List<AuditEvent>
        {
            AuditEvent.Create(AuditAction.TrustedDeviceAdded, context, now, "signed_in", new Dictionary<string, string> { ["trustedDevice"] = added.Id }),
        };
        var kept = live.OrderByDescending(d => d.RenewedAt).Take(MaxPerAccount - 1).ToList();
        events.AddRange(live.Except(kept).Select(d => Revoked(d.Id, "replaced", context, now)));
        return (current with { TrustedDevices = [.. kept, added] }, fresh, events);
    }

    /// <summary>Ends every trusted device of <paramref name="user"/> (a new password someone else may not know yet…); no event when there is none.</summary>
    public static (User User, IReadOnlyList<AuditEvent> Events) RevokeAll(User user, string reason, RequestContext context, DateTimeOffset now)
    {
        var live = user.TrustedDevices.Where(d => d.IsValidAt(now)).ToList();
        if (user.TrustedDevices.Count == 0)
        {
            return (user, []);
        }

        return (user with { TrustedDevices = [] }, [.. live.Select(d => Revoked(d.Id, reason, context, now))]);
    }

    private static User Replace(User user, TrustedDevice device) =>
        user with { TrustedDevices = [.. user.TrustedDevices.Select(d => d.Id == device.Id ? device : d)] };

    private static AuditEvent Renewed(string deviceId, string reason, RequestContext context, DateTimeOffset now) =>
        AuditEvent.Create(AuditAction.TrustedDeviceRenewed, context, now, reason, new Dictionary<string, string> { ["trustedDevice"] = deviceId });

    private static AuditEvent Revoked(string deviceId, string reason, RequestContext context, DateTimeOffset now) =>
        AuditEvent.Create(AuditAction.TrustedDeviceRevoked, context, now, reason, new Dictionary<string, string> { ["trustedDevice"] = deviceId });
}
