using System.Security.Cryptography;
using AccountAccess.Core.Concurrency;

namespace AccountAccess.Core.Passkeys;

/// <summary>
/// Starts ceremonies and ends each at its first answer. Ending comes before any check (an ETag-guarded write): of two
/// answers racing, one ends it and the other finds it used, so a response is never accepted twice.
/// </summary>
public sealed class PasskeyCeremonies(IPasskeyCeremonyStore store, PasskeySettings settings, TimeProvider time)
{
    public async Task<PasskeyCeremony> StartAsync(PasskeyCeremonyPurpose purpose, string? userId, string options, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ceremony = new PasskeyCeremony
        {
            Id = "pkc_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(),
            Purpose = purpose,
            UserId = userId,
            Options = options,
            CreatedAt = now,
            ExpiresAt = now + settings.CeremonyLifetime,
        };
        await store.CreateAsync(ceremony, cancellationToken);
        return ceremony;
    }

    /// <summary>
    /// Ends the ceremony <paramref name="ceremonyId"/> for this answer. The ceremony, or why it cannot be answered:
    /// <c>challenge_expired</c> (unknown, another kind, another holder's, or past its life) or <c>challenge_reused</c> (then
    /// the ceremony comes back too, for the caller to tell a replay of a real passkey from noise).
    /// </summary>
    public Task<(PasskeyCeremony? Ceremony, PasskeyProblem? Problem)> EndAsync(
        string ceremonyId, PasskeyCeremonyPurpose purpose, string? holderId, CancellationToken cancellationToken) =>
        OptimisticRetry.RunAsync<(PasskeyCeremony?, PasskeyProblem?)>(async ct =>
        {
            var stored = await store.GetAsync(ceremonyId, ct);
            if (stored is null || stored.Value.Purpose != purpose || (purpose == PasskeyCeremonyPurpose.Registration && stored.Value.UserId != holderId))
            {
                return (null, PasskeyProblem.ChallengeExpired);
            }

            if (stored.Value.EndedAt is not null)
            {
                return (stored.Value, PasskeyProblem.ChallengeReused);
            }

            var now = time.GetUtcNow();
            if (now >= stored.Value.ExpiresAt)
            {
                return (null, PasskeyProblem.ChallengeExpired);
            }

            var ended = await store.SaveAsync(stored, stored.Value with { EndedAt = now }, ct);
            return (ended.Value, null);
        }, time, cancellationToken);
}
