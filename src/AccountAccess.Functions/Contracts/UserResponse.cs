using AccountAccess.Core.Accounts;

namespace AccountAccess.Functions.Contracts;

/// <summary>A user as administrators see it: never a password, hash, secret or token.</summary>
public sealed record UserResponse(
    string Id,
    string Username,
    string DisplayName,
    AccountStatus Status,
    string? Email,
    IReadOnlyList<string> SecondaryEmails,
    string? Phone,
    Locale Locale,
    ContactChannel PreferredChannel,
    bool Visible,
    DateOnly? DepartureDate,
    DeactivationResponse? Deactivation,
    FailedAttemptsResponse FailedAttempts,
    DateTimeOffset? PasswordChangedAt,
    IReadOnlyList<MembershipResponse> Memberships,
    DateTimeOffset CreatedAt,
    string? MergedIntoUserId,
    DateTimeOffset? WelcomeKitSentAt)
{
    public static UserResponse From(User user, DateTimeOffset now) => new(
        user.Id,
        user.Username,
        user.DisplayName,
        user.StatusAt(now),
        user.Email,
        user.SecondaryEmails,
        user.Phone,
        user.Locale,
        user.PreferredChannel,
        user.Visible,
        user.DepartureDate,
        user.Deactivation is { } d && d.IsInEffectAt(now) ? new DeactivationResponse(d.Reason, d.Since, d.Until) : null,
        new FailedAttemptsResponse(user.FailedAttempts.Count, user.FailedAttempts.LastAt, user.FailedAttempts.LastIp),
        user.Password?.ChangedAt,
        user.Memberships.Select(m => new MembershipResponse(m.OrganizationId, m.Role, m.UnitIds, m.Permissions, m.AccessRevoked, m.AccessRevokedAt)).ToList(),
        user.CreatedAt,
        user.MergedIntoUserId,
        user.WelcomeKit.SentAt);
}

public sealed record DeactivationResponse(DeactivationReason Reason, DateTimeOffset Since, DateTimeOffset? Until);

public sealed record FailedAttemptsResponse(int Count, DateTimeOffset? LastAt, string? LastIp);

public sealed record MembershipResponse(
    string OrganizationId, Role Role, IReadOnlyList<string> UnitIds, IReadOnlyList<Permission> Permissions, bool AccessRevoked, DateTimeOffset? AccessRevokedAt);
