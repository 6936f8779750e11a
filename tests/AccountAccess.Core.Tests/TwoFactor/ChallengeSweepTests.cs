using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Core.TwoFactor;
using Microsoft.Extensions.Time.Testing;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.TwoFactor;

public sealed class ChallengeSweepTests
{
    private readonly FakeTimeProvider time = new(Start);
    private readonly InMemoryChallengeStore challenges = new();

    [Fact]
    public async Task A_challenge_over_for_more_than_a_day_is_deleted_and_a_recent_one_is_kept()
    {
        await challenges.CreateAsync(ChallengeExpiringAt("chl_old", Start), CancellationToken.None);
        await challenges.CreateAsync(ChallengeExpiringAt("chl_recent", Start + TimeSpan.FromHours(20)), CancellationToken.None);
        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        var deleted = await new ChallengeSweep(challenges, time).RunAsync(CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.Null(challenges["chl_old"]);
        Assert.NotNull(challenges["chl_recent"]);
    }

    [Fact]
    public void Challenges_are_kept_a_day_after_they_expire()
    {
        Assert.Equal(TimeSpan.FromDays(1), ChallengeSweep.KeptAfterExpiry);
    }

    private static Challenge ChallengeExpiringAt(string id, DateTimeOffset expiresAt) =>
        new() { Id = id, UserId = "usr_jean", Portal = Portal.Employee, CreatedAt = expiresAt - TimeSpan.FromMinutes(10), ExpiresAt = expiresAt };
}
