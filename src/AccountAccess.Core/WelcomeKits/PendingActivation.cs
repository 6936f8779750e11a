using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.WelcomeKits;

/// <summary>
/// An entry of the pending-activations index: an account the welcome-kit schedule has a kit to send to — no password, an
/// email, visible, not deactivated, never sent a kit. The user store keeps the index beside the accounts it saves,
/// writing an entry only when what it holds changes (so sign-in, which changes none of it, never writes one). The index
/// may trail an account: the schedule reads the account again, and removes an entry that no longer applies.
/// </summary>
/// <param name="DepartureDate">Held so that a changed departure date brings back an entry the schedule removed as departed.</param>
/// <param name="AccessRevoked">Whether every organization revoked the member's access: held for the same reason.</param>
public sealed record PendingActivation(string UserId, DateOnly? DepartureDate, bool AccessRevoked)
{
    /// <summary>The entry <paramref name="user"/> needs in the index, or null when the schedule has nothing to send it.</summary>
    public static PendingActivation? Of(User user) =>
        user.Password is null && user.Email is not null && user.Visible && user.Deactivation is null && user.WelcomeKit.SentAt is null
            ? new PendingActivation(user.Id, user.DepartureDate, WelcomeKitRules.EveryAccessRevoked(user))
            : null;
}
