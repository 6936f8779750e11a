using AccountAccess.Core.Passwords;
using AccountAccess.Core.Passwords.ResetLinks;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>Records which link of each user is followed and which were used, as the reset-link orchestration would be told.</summary>
public sealed class RecordingResetLinkTracker : IResetLinkTracker
{
    private readonly Dictionary<string, ResetLink> tracked = [];
    private readonly List<(string UserId, string LinkId)> used = [];

    public IReadOnlyList<(string UserId, string LinkId)> Used => used;

    /// <summary>The link followed for <paramref name="userId"/>, or null when none was ever tracked.</summary>
    public ResetLink? Tracked(string userId) => tracked.GetValueOrDefault(userId);

    public Task TrackAsync(string userId, ResetLink link, CancellationToken cancellationToken)
    {
        tracked[userId] = link;
        return Task.CompletedTask;
    }

    /// <summary>The users whose links are no longer followed (erased).</summary>
    public List<string> Stopped { get; } = [];

    public Task StopAsync(string userId, CancellationToken cancellationToken)
    {
        Stopped.Add(userId);
        tracked.Remove(userId);
        return Task.CompletedTask;
    }

    public Task UsedAsync(string userId, string linkId, CancellationToken cancellationToken)
    {
        used.Add((userId, linkId));
        return Task.CompletedTask;
    }
}
