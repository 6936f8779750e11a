using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;

namespace AccountAccess.Core.TwoFactor;

/// <summary>
/// The minimum rule of API.md: a password proven correct followed by <see cref="Threshold"/> wrong second-factor codes
/// within <see cref="Window"/>, across challenges, means someone holds the password but not the person's phone or app.
/// The account is deactivated (<c>suspicious_activity</c>) and the organization's primary contact is told.
/// </summary>
public static class SuspiciousActivity
{
    /// <summary>Wrong codes that deactivate the account. Defaults to 10.</summary>
    public const int Threshold = 10;

    /// <summary>The window they are counted in. Defaults to one hour.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>Records a wrong code; returns the changed user, its events, and whether this one deactivated the account.</summary>
    public static (User User, IReadOnlyList<AuditEvent> Events, bool Deactivated) RegisterWrongCode(User user, RequestContext context, DateTimeOffset now) =>
        RegisterFailure(user, context, now, inLastHour => WrongCode(context, now, inLastHour));

    /// <summary>The audit event of a wrong code, the <paramref name="inLastHour"/>th failure of the window.</summary>
    public static AuditEvent WrongCode(RequestContext context, DateTimeOffset now, int inLastHour) =>
        AuditEvent.Create(AuditAction.SecondFactorFailed, context, now, "wrong_code",
            new Dictionary<string, string> { ["inLastHour"] = inLastHour.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>
    /// Records a failure that counts as a wrong code (a passkey's refused answer after the password, or one its own key
    /// signed): <paramref name="describe"/> writes its audit event from the count in the last hour.
    /// </summary>
    public static (User User, IReadOnlyList<AuditEvent> Events, bool Deactivated) RegisterFailure(
        User user, RequestContext context, DateTimeOffset now, Func<int, AuditEvent> describe)
    {
        var recent = user.SecondFactorFailures.Where(at => now - at < Window).Append(now).ToList();
        var updated = user with { SecondFactorFailures = recent };
        var events = new List<AuditEvent> { describe(recent.Count) };

        if (recent.Count >= Threshold && !user.IsDeactivatedAt(now))
        {
            updated = updated.WithNewSecurityStamp() with
            {
                Deactivation = new Deactivation(DeactivationReason.SuspiciousActivity, now, null, Actor.System),
            };
            events.Add(AuditEvent.Create(AuditAction.Deactivated, context, now, "suspicious_activity"));
            return (updated, events, true);
        }

        return (updated, events, false);
    }
}
