namespace AccountAccess.Core.Passwords.ResetLinks;

/// <summary>
/// Follows a user's latest reset or activation link until it is used or expires, so its end is on the record (a
/// durable orchestration in the app, one per user). Only the latest link counts: tracking a new one supersedes the last.
/// </summary>
public interface IResetLinkTracker
{
    /// <summary>A link was issued and saved on the user: follow it (instead of any earlier one).</summary>
    Task TrackAsync(string userId, ResetLink link, CancellationToken cancellationToken);

    /// <summary>The link was redeemed: nothing is left to wait for.</summary>
    Task UsedAsync(string userId, string linkId, CancellationToken cancellationToken);

    /// <summary>The user is being erased: stop following its links and forget them.</summary>
    Task StopAsync(string userId, CancellationToken cancellationToken);
}
