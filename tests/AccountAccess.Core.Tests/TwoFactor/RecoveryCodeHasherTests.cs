using System.Security.Cryptography;
using AccountAccess.Core.TwoFactor;

namespace AccountAccess.Core.Tests.TwoFactor;

/// <summary>Recovery codes hashed under a server-side key: a table dump alone does not give them up; older hashes still verify.</summary>
public class RecoveryCodeHasherTests
{
    private const string Code = "k7qm2-x9t4p";

    private readonly SecretProtector twoFactorKey = new(RandomNumberGenerator.GetBytes(32));

    private RecoveryCodeHasher Hasher => new(twoFactorKey.DeriveKey("recovery codes"));

    [Fact]
    public void A_stored_code_cannot_be_found_again_from_the_user_id_alone()
    {
        // What a table dump holds: the hash and the user id. The old form was computable from those two alone.
        var stored = Hasher.Hash(Code, "usr_jean");

        Assert.NotEqual(OneTimeCodes.Hash(Code, "usr_jean"), stored[RecoveryCodeHasher.Prefix.Length..]);
        Assert.False(new RecoveryCodeHasher(RandomNumberGenerator.GetBytes(32)).Matches(stored, Code, "usr_jean"));
    }

    [Fact]
    public void The_code_matches_its_hash_as_typed_with_spaces_or_capitals()
    {
        var stored = Hasher.Hash(Code, "usr_jean");

        Assert.True(Hasher.Matches(stored, " K7QM2-X9T4P ", "usr_jean"));
        Assert.False(Hasher.Matches(stored, "k7qm2-x9t4q", "usr_jean"));
        Assert.False(Hasher.Matches(stored, Code, "usr_other"));
    }

    [Fact]
    public void A_code_hashed_the_old_way_keeps_working()
    {
        Assert.True(Hasher.Matches(OneTimeCodes.Hash(Code, "usr_jean"), Code, "usr_jean"));
    }

    [Fact]
    public void The_recovery_code_key_is_not_the_encryption_key_nor_another_purposes()
    {
        Assert.NotEqual(twoFactorKey.DeriveKey("recovery codes"), twoFactorKey.DeriveKey("something else"));
        Assert.Equal(twoFactorKey.DeriveKey("recovery codes"), twoFactorKey.DeriveKey("recovery codes"));
    }
}
