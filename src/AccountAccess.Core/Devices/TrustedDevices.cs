using System.Globalization;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Sessions;
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
    /// The device of <paramref name="user"/> whose token (or token before its latest re-key) is <paramref name="token"/>,
    /// if it is still valid at <paramref name="now"/>. Every stored hash is compared, in constant time, whatever matches.
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
            // The token before the latest re-key still names the device (another tab or app may hold it).
            var current = DeviceTokens.SameHash(device.TokenHash, hash);
            var previous = device.PreviousTokenHash is { } older && DeviceTokens.SameHash(older, hash);
            if ((current | previous) && device.IsValidAt(now))
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
    public static DeviceTrust Trust(User user, TrustedDeviceClaim? claim, RequestContext context, DateTimeOffset now)
    {
        var live = user.TrustedDevices.Where(d => d.IsValidAt(now)).ToList();
        var current = user with { TrustedDevices = live };
        if (claim is not null && live.FirstOrDefault(d => d.Id == claim.DeviceId) is { } device)
        {
            if (claim.Token is { } token && DeviceTokens.SameHash(device.TokenHash, DeviceTokens.Hash(token)))
            {
                return Renew(user, device, token, "signed_in", passwordProven: true, context, now);
            }

            // A token brought back that is the device's previous one: the current one, which another tab holds, stays.
            return ReKey(current, device, keepPrevious: claim.Token is not null, passwordProven: true, context, now);
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
        return new DeviceTrust(current with { TrustedDevices = [.. kept, added] }, added.Id, fresh, events);
    }

    /// <summary>
    /// The device token a refresh of the session <paramref name="entry"/> answers (API.md: every <c>status: "ok"</c>
    /// answer carries one); null when the session's device is no longer trusted. Tokens are kept hashed, so the one the
    /// session's sign-in answered cannot be answered again unless the client brings it back:
    /// <list type="bullet">
    /// <item>a valid token of this account brought back is answered again (renewed at most once a <see cref="RenewalInterval"/>);</item>
    /// <item>without one, the session's own device is re-keyed — not a new device trusted, so that a refresh (or a stolen
    /// refresh token) can never push the holder's other devices out of the <see cref="MaxPerAccount"/> kept — and its
    /// previous token stays recognized, so that a second tab or app refreshing without its token does not break the
    /// token the first one holds;</item>
    /// <item>a session opened before sessions remembered their device gets a new device (its entry then names it);</item>
    /// <item>a session whose device was revoked (its own wrong passwords, another of its sessions ended) gets none: a
    /// refresh proves no password, so it does not bring trust back; the next sign-in does.</item>
    /// </list>
    /// </summary>
    public static DeviceTrust? OnRefresh(User user, SessionEntry entry, string? token, RequestContext context, DateTimeOffset now)
    {
        if (Recognize(user, token, now) is { } brought)
        {
            return DeviceTokens.SameHash(brought.TokenHash, DeviceTokens.Hash(token!))
                ? Renew(user, brought, token!, "refreshed", passwordProven: false, context, now)
                : ReKey(user with { TrustedDevices = [.. user.TrustedDevices.Where(d => d.IsValidAt(now))] }, brought, keepPrevious: true, passwordProven: false, context, now);
        }

        if (entry.DeviceId is null)
        {
            return Trust(user, claim: null, context, now);
        }

        var live = user.TrustedDevices.Where(d => d.IsValidAt(now)).ToList();
        return live.FirstOrDefault(d => d.Id == entry.DeviceId) is { } device
            ? ReKey(user with { TrustedDevices = live }, device, keepPrevious: true, passwordProven: false, context, now)
            : null;
    }

    /// <summary>
    /// Ends the devices <paramref name="deviceIds"/> of <paramref name="user"/> (the sessions they signed in ended:
    /// API.md, "revoked with its session list entry"); <paramref name="reason"/> says why on the trail.
    /// </summary>
    public static (User User, IReadOnlyList<AuditEvent> Events) Revoke(
        User user, IReadOnlyCollection<string> deviceIds, string reason, RequestContext context, DateTimeOffset now)
    {
        var ending = user.TrustedDevices.Where(d => deviceIds.Contains(d.Id)).ToList();
        return ending.Count == 0
            ? (user, [])
            : (user with { TrustedDevices = [.. user.TrustedDevices.Except(ending)] }, [.. ending.Select(d => Revoked(d.Id, reason, context, now))]);
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

    /// <summary>
    /// The same token answered again; its 90 days renewed (a write) only once a <see cref="RenewalInterval"/>, after its own
    /// failures a password now clears, or when expired devices are to be dropped. <paramref name="passwordProven"/>: only a
    /// sign-in clears the device's own wrong passwords — a refresh proves none, and clearing them there would let a refresh
    /// token held with the device token buy <c>maxFailedAttempts - 1</c> more guesses through the lock at every refresh.
    /// </summary>
    private static DeviceTrust Renew(User user, TrustedDevice device, string token, string reason, bool passwordProven, RequestContext context, DateTimeOffset now)
    {
        var live = user.TrustedDevices.Where(d => d.IsValidAt(now)).ToList();
        var due = now - device.RenewedAt >= RenewalInterval || (passwordProven && device.FailedAttempts > 0) || live.Count != user.TrustedDevices.Count;
        var renewed = device with { RenewedAt = now, ExpiresAt = now + Lifetime, FailedAttempts = passwordProven ? 0 : device.FailedAttempts };
        return due
            ? new DeviceTrust(Replace(user with { TrustedDevices = live }, renewed), device.Id, token, [Renewed(device.Id, reason, context, now)])
            : new DeviceTrust(user, device.Id, token, []);
    }

    /// <summary>
    /// A new token for a device whose token the request could not name. <paramref name="keepPrevious"/>: the one it replaces
    /// stays recognized (<see cref="TrustedDevice.PreviousTokenHash"/>) — a refresh, where another tab or app of the session
    /// may hold it; the second-factor step answers the very client that held it, so there the old token ends.
    /// <paramref name="passwordProven"/>: a sign-in clears the device's own wrong passwords, a refresh keeps them (see Renew).
    /// </summary>
    private static DeviceTrust ReKey(User user, TrustedDevice device, bool keepPrevious, bool passwordProven, RequestContext context, DateTimeOffset now)
    {
        var (token, hash) = DeviceTokens.New();
        var rekeyed = device with
        {
            TokenHash = hash,
            PreviousTokenHash = keepPrevious ? device.TokenHash : null,
            RenewedAt = now,
            ExpiresAt = now + Lifetime,
            FailedAttempts = passwordProven ? 0 : device.FailedAttempts,
        };
        return new DeviceTrust(Replace(user, rekeyed), device.Id, token, [Renewed(device.Id, "new_token", context, now)]);
    }

    private static User Replace(User user, TrustedDevice device) =>
        user with { TrustedDevices = [.. user.TrustedDevices.Select(d => d.Id == device.Id ? device : d)] };

    private static AuditEvent Renewed(string deviceId, string reason, RequestContext context, DateTimeOffset now) =>
        AuditEvent.Create(AuditAction.TrustedDeviceRenewed, context, now, reason, new Dictionary<string, string> { ["trustedDevice"] = deviceId });

    private static AuditEvent Revoked(string deviceId, string reason, RequestContext context, DateTimeOffset now) =>
        AuditEvent.Create(AuditAction.TrustedDeviceRevoked, context, now, reason, new Dictionary<string, string> { ["trustedDevice"] = deviceId });
}
