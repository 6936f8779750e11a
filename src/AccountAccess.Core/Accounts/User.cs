using AccountAccess.Core.Audit;
using AccountAccess.Core.Devices;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.TwoFactor;
using AccountAccess.Core.WelcomeKits;

namespace AccountAccess.Core.Accounts;

/// <summary>
/// One identity: the logins, contact details, password and locks of a person, with one <see cref="Membership"/>
/// per organization it belongs to. Immutable: every change makes a new value that the store saves with its ETag.
/// </summary>
public sealed record User
{
    public required string Id { get; init; }

    public required string Username { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>The main email: a login, and where account messages go.</summary>
    public string? Email { get; init; }

    /// <summary>Other emails on file: unique service-wide, but not logins.</summary>
    public IReadOnlyList<string> SecondaryEmails { get; init; } = [];

    public string? Phone { get; init; }

    public Locale Locale { get; init; } = Locale.En;

    public ContactChannel PreferredChannel { get; init; } = ContactChannel.Email;

    /// <summary>An invisible account is hidden from the organization's lists; forgot-password sends it nothing.</summary>
    public bool Visible { get; init; } = true;

    /// <summary>The day the person leaves (or left) the organization.</summary>
    public DateOnly? DepartureDate { get; init; }

    /// <summary>Null while the account is pending activation.</summary>
    public StoredPassword? Password { get; init; }

    /// <summary>Changes whenever existing sessions must end (deactivation, password change): access tokens carry it.</summary>
    public required string SecurityStamp { get; init; }

    public Deactivation? Deactivation { get; init; }

    public FailedAttempts FailedAttempts { get; init; } = FailedAttempts.None;

    /// <summary>The clients the person signed in on, whose requests are judged on their own failures (<see cref="Devices.TrustedDevices"/>).</summary>
    public IReadOnlyList<TrustedDevice> TrustedDevices { get; init; } = [];

    public IReadOnlyList<Membership> Memberships { get; init; } = [];

    /// <summary>The latest reset and activation links, newest last; only the newest pending one works.</summary>
    public IReadOnlyList<ResetLink> ResetLinks { get; init; } = [];

    /// <summary>The claim of the sender emailing the newest link right now: no other link is issued while it holds (<see cref="LinkEmails"/>).</summary>
    public LinkEmailClaim? LinkEmailClaim { get; init; }

    /// <summary>Hashes of previous passwords, newest first, so a new password can be refused as reused.</summary>
    public IReadOnlyList<string> PasswordHistory { get; init; } = [];

    public TwoFactorEnrollment TwoFactor { get; init; } = TwoFactorEnrollment.None;

    /// <summary>When wrong second-factor codes were given in the last hour (suspicious activity counts them).</summary>
    public IReadOnlyList<DateTimeOffset> SecondFactorFailures { get; init; } = [];

    /// <summary>What the last forgot-password request did, for support.</summary>
    public ForgotPasswordOutcome? LastForgotPassword { get; init; }

    /// <summary>When forgot-password sent this account a reset email in the last hour (the throttle's window), oldest first.</summary>
    public IReadOnlyList<DateTimeOffset> RecentForgotPasswordEmails { get; init; } = [];

    /// <summary>When the latest welcome kit went out, and the claim of a sender sending one now.</summary>
    public WelcomeKit WelcomeKit { get; init; } = WelcomeKit.None;

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The account this one was merged into (then it is deactivated with reason <c>merged</c>).</summary>
    public string? MergedIntoUserId { get; init; }

    public bool IsDeactivatedAt(DateTimeOffset now) => Deactivation?.IsInEffectAt(now) == true;

    public bool HasDepartedAt(DateTimeOffset now) => DepartureDate is { } day && day < DateOnly.FromDateTime(now.UtcDateTime);

    public AccountStatus StatusAt(DateTimeOffset now) =>
        IsDeactivatedAt(now) ? AccountStatus.Deactivated
        : Password is null ? AccountStatus.PendingActivation
        : AccountStatus.Active;

    public Membership? MembershipIn(string organizationId) =>
        Memberships.FirstOrDefault(m => m.OrganizationId == organizationId);

    /// <summary>The normalized names one can sign in with: the username and the main email.</summary>
    public IEnumerable<string> LoginNames()
    {
        yield return LoginName.Normalize(Username);
        if (Email is not null)
        {
            yield return LoginName.Normalize(Email);
        }
    }

    /// <summary>Which field of this account holds <paramref name="normalizedName"/>: <c>username</c>, <c>email</c> or <c>secondaryEmails</c>.</summary>
    public string FieldHolding(string normalizedName) =>
        LoginName.Normalize(Username) == normalizedName ? "username"
        : Email is not null && LoginName.Normalize(Email) == normalizedName ? "email"
        : "secondaryEmails";

    public User WithNewSecurityStamp() => this with { SecurityStamp = SecurityStamps.New() };
}
