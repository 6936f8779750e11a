using AccountAccess.Core.TwoFactor;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.TwoFactor;

public class AuthenticatorAppTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    private readonly byte[] secret = AuthenticatorApp.NewSecret();

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void A_code_of_the_current_step_or_one_step_either_side_is_accepted(int stepsAway)
    {
        var code = AuthenticatorApp.CodeAt(secret, Start + (stepsAway * Step));

        var matched = AuthenticatorApp.MatchedStep(secret, code, Start);

        Assert.Equal(Start.ToUnixTimeSeconds() / 30 + stepsAway, matched);
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    public void A_code_two_steps_away_is_refused(int stepsAway)
    {
        var code = AuthenticatorApp.CodeAt(secret, Start + (stepsAway * Step));
        var nearby = Enumerable.Range(-1, 3).Select(s => AuthenticatorApp.CodeAt(secret, Start + (s * Step)));
        Assert.DoesNotContain(code, nearby); // a one-in-a-million collision would make the case meaningless

        Assert.Null(AuthenticatorApp.MatchedStep(secret, code, Start));
    }

    [Fact]
    public void The_setup_uri_follows_the_key_uri_format()
    {
        var uri = AuthenticatorApp.OtpAuthUri(secret, "jean@example.com");

        Assert.StartsWith("otpauth://totp/AccountAccess:jean%40example.com?", uri, StringComparison.Ordinal);
        Assert.Contains("secret=" + AuthenticatorApp.Base32(secret), uri, StringComparison.Ordinal);
        Assert.Contains("issuer=AccountAccess", uri, StringComparison.Ordinal);
    }
}
