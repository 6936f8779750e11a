using AccountAccess.Core.Passwords;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Passwords;

public class ResetLinkTokensTests
{
    [Fact]
    public void A_token_is_user_id_link_id_and_a_256_bit_secret()
    {
        var (token, link) = ResetLinkTokens.Issue("usr_jean", ResetLinkPurpose.Reset, Start, TimeSpan.FromHours(24));

        Assert.Matches(@"^usr_jean\.[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$", token);
        Assert.Equal(token.Split('.')[1], link.LinkId);
    }

    [Fact]
    public void The_link_expires_after_the_lifetime_and_is_pending_until_then()
    {
        var (_, link) = ResetLinkTokens.Issue("usr_jean", ResetLinkPurpose.Activation, Start, TimeSpan.FromHours(24));

        Assert.Equal(ResetLinkPurpose.Activation, link.Purpose);
        Assert.Equal(Start, link.IssuedAt);
        Assert.Equal(Start + TimeSpan.FromHours(24), link.ExpiresAt);
        Assert.True(link.IsPendingAt(link.ExpiresAt - TimeSpan.FromTicks(1)));
        Assert.False(link.IsPendingAt(link.ExpiresAt));
        Assert.False((link with { UsedAt = Start }).IsPendingAt(Start));
        Assert.False((link with { SupersededAt = Start }).IsPendingAt(Start));
    }

    [Fact]
    public void Only_a_hash_of_the_secret_is_kept_and_it_proves_the_secret()
    {
        var (token, link) = ResetLinkTokens.Issue("usr_jean", ResetLinkPurpose.Reset, Start, TimeSpan.FromHours(24));
        var secret = token.Split('.')[2];

        Assert.DoesNotContain(secret, link.SecretHash, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^[0-9A-F]{64}$", link.SecretHash);
        Assert.True(ResetLinkTokens.Proves(link, secret));
    }

    [Fact]
    public void A_changed_secret_proves_nothing()
    {
        var (token, link) = ResetLinkTokens.Issue("usr_jean", ResetLinkPurpose.Reset, Start, TimeSpan.FromHours(24));
        var secret = token.Split('.')[2];

        Assert.False(ResetLinkTokens.Proves(link, secret[..^1] + (secret[^1] == 'x' ? 'y' : 'x')));
        Assert.False(ResetLinkTokens.Proves(link, secret.ToUpperInvariant() == secret ? secret.ToLowerInvariant() : secret.ToUpperInvariant()));
        Assert.False(ResetLinkTokens.Proves(link, string.Empty));
    }

    [Fact]
    public void Every_link_is_different()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => ResetLinkTokens.Issue("usr_jean", ResetLinkPurpose.Reset, Start, TimeSpan.FromHours(24)).Token).ToHashSet();

        Assert.Equal(100, tokens.Count);
        Assert.Equal(100, tokens.Select(t => t.Split('.')[1]).Distinct().Count());
    }

    [Fact]
    public void An_issued_token_parses_back_into_its_parts()
    {
        var (token, link) = ResetLinkTokens.Issue("usr_jean", ResetLinkPurpose.Reset, Start, TimeSpan.FromHours(24));

        Assert.True(ResetLinkTokens.TryParse(token, out var userId, out var linkId, out var secret));

        Assert.Equal("usr_jean", userId);
        Assert.Equal(link.LinkId, linkId);
        Assert.True(ResetLinkTokens.Proves(link, secret));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData(".b.c")]
    [InlineData("a..c")]
    [InlineData("a.b.")]
    public void A_token_not_in_three_non_empty_parts_does_not_parse(string token)
    {
        Assert.False(ResetLinkTokens.TryParse(token, out _, out _, out _));
    }

    [Fact]
    public void A_token_with_an_overlong_part_does_not_parse()
    {
        Assert.False(ResetLinkTokens.TryParse($"usr_jean.{new string('a', 101)}.secret", out _, out _, out _));
        Assert.True(ResetLinkTokens.TryParse($"usr_jean.{new string('a', 100)}.secret", out _, out _, out _));
    }
}
