using AccountAccess.Core.Passwords;

namespace AccountAccess.Core.Tests.Passwords;

public class PasswordHashingTests
{
    private const string Password = "correct horse battery staple";

    // A low iteration count keeps the suite fast; the default is pinned separately.
    private readonly PasswordHashing hashing = new(1000);

    [Fact]
    public void The_default_iteration_count_is_owasps_figure_for_pbkdf2_sha512()
    {
        Assert.Equal(210_000, PasswordHashing.DefaultIterations);
    }

    [Fact]
    public void The_right_password_verifies()
    {
        var hash = hashing.Hash(Password);

        Assert.Equal(PasswordCheck.Correct, hashing.Verify(hash, Password));
    }

    [Fact]
    public void A_wrong_password_does_not_verify()
    {
        var hash = hashing.Hash(Password);

        Assert.Equal(PasswordCheck.Wrong, hashing.Verify(hash, "Correct horse battery staple"));
    }

    [Fact]
    public void The_hash_does_not_contain_the_password()
    {
        var hash = hashing.Hash(Password);

        Assert.DoesNotContain(Password, hash, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Password)), hash, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_password_hashes_differently_each_time()
    {
        Assert.NotEqual(hashing.Hash(Password), hashing.Hash(Password));
    }

    [Fact]
    public void A_hash_made_with_fewer_iterations_verifies_as_needing_a_rehash()
    {
        var oldHash = new PasswordHashing(1000).Hash(Password);

        Assert.Equal(PasswordCheck.CorrectButRehashNeeded, new PasswordHashing(2000).Verify(oldHash, Password));
    }

    [Fact]
    public void A_wrong_password_against_an_old_hash_is_still_wrong()
    {
        var oldHash = new PasswordHashing(1000).Hash(Password);

        Assert.Equal(PasswordCheck.Wrong, new PasswordHashing(2000).Verify(oldHash, "something else entirely"));
    }

    [Fact]
    public void No_hash_is_a_wrong_password()
    {
        Assert.Equal(PasswordCheck.Wrong, hashing.Verify(null, Password));
    }

    [Fact]
    public void A_malformed_hash_is_a_wrong_password()
    {
        Assert.Equal(PasswordCheck.Wrong, hashing.Verify(Convert.ToBase64String([0x01, 0x02, 0x03]), Password));
    }
}
