using System.Security.Cryptography;
using AccountAccess.Core.Passkeys;

namespace AccountAccess.Core.Tests.Passkeys;

/// <summary>The credentials listed for a login with no passkey: stable per login, unlike from login to login, unguessable without the key.</summary>
public sealed class DecoyCredentialsTests
{
    private readonly DecoyCredentials decoys = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void The_same_login_gets_the_same_credentials_each_time()
    {
        Assert.Equal(Ids(decoys.For("nobody")), Ids(decoys.For("nobody")));
    }

    [Fact]
    public void Different_logins_get_different_credentials()
    {
        Assert.NotEqual(Ids(decoys.For("nobody")), Ids(decoys.For("someone")));
    }

    [Fact]
    public void Another_key_gives_other_credentials()
    {
        Assert.NotEqual(Ids(decoys.For("nobody")), Ids(new DecoyCredentials(RandomNumberGenerator.GetBytes(32)).For("nobody")));
    }

    [Fact]
    public void The_credentials_have_the_lengths_and_transports_of_real_ones()
    {
        var all = Enumerable.Range(0, 200).SelectMany(i => decoys.For("login-" + i)).ToList();

        Assert.All(all, d => Assert.Contains(d.Id.Length, new[] { 16, 20, 32, 64 }));
        Assert.All(all, d => Assert.NotEmpty(d.Transports!));
        Assert.Contains(all.GroupBy(d => d.Id.Length), g => g.Count() > 10);
    }

    private static string Ids(IEnumerable<Fido2NetLib.Objects.PublicKeyCredentialDescriptor> descriptors) =>
        string.Join(",", descriptors.Select(d => Convert.ToHexString(d.Id)));
}
