using AccountAccess.Core.Sessions;

namespace AccountAccess.Core.Tests.Sessions;

/// <summary>Refresh tokens: their shape, their hashes, and the successor sealed under the token it replaced.</summary>
public sealed class RefreshTokensTests
{
    [Fact]
    public void A_token_names_its_user_and_session_and_carries_a_256_bit_secret()
    {
        var secret = RefreshTokens.NewSecret();

        Assert.True(RefreshTokens.TryParse(RefreshTokens.Format("usr_a", "ses_b", secret), out var userId, out var sessionId, out var parsed));

        Assert.Equal(("usr_a", "ses_b", secret), (userId, sessionId, parsed));
        Assert.Equal(43, secret.Length);
    }

    [Fact]
    public void The_successor_opens_only_with_the_token_it_replaced_and_for_its_session()
    {
        var (replaced, successor) = (RefreshTokens.NewSecret(), RefreshTokens.NewSecret());

        var sealedSuccessor = RefreshTokens.Seal(successor, replaced, "ses_b");

        Assert.Equal(successor, RefreshTokens.Unseal(sealedSuccessor, replaced, "ses_b"));
        Assert.Null(RefreshTokens.Unseal(sealedSuccessor, RefreshTokens.NewSecret(), "ses_b"));
        Assert.Null(RefreshTokens.Unseal(sealedSuccessor, replaced, "ses_other"));
        Assert.Null(RefreshTokens.Unseal(sealedSuccessor, RefreshTokens.Hash(replaced), "ses_b"));
    }

    [Fact]
    public void A_sealed_successor_altered_in_storage_does_not_open()
    {
        var replaced = RefreshTokens.NewSecret();
        var sealedSuccessor = RefreshTokens.Seal(RefreshTokens.NewSecret(), replaced, "ses_b");

        var altered = (sealedSuccessor[20] == 'A' ? "B" : "A") is var c ? sealedSuccessor[..20] + c + sealedSuccessor[21..] : sealedSuccessor;

        Assert.Null(RefreshTokens.Unseal(altered, replaced, "ses_b"));
    }

    [Fact]
    public void A_hash_matches_its_secret_only()
    {
        var secret = RefreshTokens.NewSecret();

        Assert.True(RefreshTokens.Matches(RefreshTokens.Hash(secret), secret));
        Assert.False(RefreshTokens.Matches(RefreshTokens.Hash(secret), RefreshTokens.NewSecret()));
        Assert.False(RefreshTokens.Matches(null, secret));
    }
}
