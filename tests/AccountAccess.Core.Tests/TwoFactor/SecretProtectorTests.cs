using System.Security.Cryptography;
using AccountAccess.Core.TwoFactor;

namespace AccountAccess.Core.Tests.TwoFactor;

public class SecretProtectorTests
{
    private readonly SecretProtector protector = new(RandomNumberGenerator.GetBytes(32));
    private readonly byte[] secret = AuthenticatorApp.NewSecret();

    [Fact]
    public void A_protected_secret_comes_back_for_the_same_user()
    {
        var sealedSecret = protector.Protect(secret, "usr_jean");

        Assert.Equal(secret, protector.Unprotect(sealedSecret, "usr_jean"));
        Assert.DoesNotContain(Convert.ToBase64String(secret), sealedSecret, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_secret_is_sealed_differently_each_time()
    {
        Assert.NotEqual(protector.Protect(secret, "usr_jean"), protector.Protect(secret, "usr_jean"));
    }

    [Fact]
    public void A_secret_copied_onto_another_user_does_not_decrypt()
    {
        var sealedSecret = protector.Protect(secret, "usr_jean");

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(sealedSecret, "usr_marie"));
    }

    [Fact]
    public void Another_key_does_not_decrypt()
    {
        var sealedSecret = protector.Protect(secret, "usr_jean");
        var other = new SecretProtector(RandomNumberGenerator.GetBytes(32));

        Assert.ThrowsAny<CryptographicException>(() => other.Unprotect(sealedSecret, "usr_jean"));
    }

    [Fact]
    public void A_key_that_is_not_256_bits_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new SecretProtector(new byte[16]));
    }
}
