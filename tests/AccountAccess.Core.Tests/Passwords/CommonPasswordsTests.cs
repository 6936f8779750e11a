using AccountAccess.Core.Passwords;

namespace AccountAccess.Core.Tests.Passwords;

public class CommonPasswordsTests
{
    [Fact]
    public void The_embedded_list_holds_at_least_a_thousand_passwords()
    {
        Assert.True(CommonPasswords.Count >= 1000, $"Only {CommonPasswords.Count} common passwords.");
    }

    [Theory]
    [InlineData("123456")]
    [InlineData("password")]
    [InlineData("qwerty")]
    [InlineData("password1234")]
    public void Well_known_passwords_are_on_the_list(string password)
    {
        Assert.True(CommonPasswords.Contains(password));
    }

    [Theory]
    [InlineData("PASSWORD")]
    [InlineData("PassWord")]
    [InlineData("QwErTy123456")]
    public void Matching_ignores_case(string password)
    {
        Assert.True(CommonPasswords.Contains(password));
    }

    [Fact]
    public void Surrounding_spaces_do_not_hide_a_common_password()
    {
        Assert.True(CommonPasswords.Contains("  password1234 "));
    }

    [Theory]
    [InlineData("violet-harbour-42")]
    [InlineData("amber-lighthouse-77")]
    [InlineData("")]
    public void Uncommon_passwords_are_not_on_the_list(string password)
    {
        Assert.False(CommonPasswords.Contains(password));
    }

    [Fact]
    public void Comment_lines_of_the_file_are_not_passwords()
    {
        Assert.False(CommonPasswords.Contains("# Matching ignores case. Lines starting with '#' are comments."));
    }

    [Fact]
    public void A_long_enough_common_password_is_refused_as_common()
    {
        Assert.Equal([PasswordViolation.Common], PasswordRules.Check("Password1234", "jean", 12));
    }
}
