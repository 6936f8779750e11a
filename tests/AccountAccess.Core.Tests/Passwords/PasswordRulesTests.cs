using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;

namespace AccountAccess.Core.Tests.Passwords;

public class PasswordRulesTests
{
    private static readonly OrganizationPolicy Policy = OrganizationPolicy.Default;

    [Fact]
    public void A_long_enough_password_without_the_username_is_valid()
    {
        Assert.Empty(PasswordRules.Check("violet-harbour-42", "jean", Policy.MinPasswordLength));
    }

    [Fact]
    public void A_password_shorter_than_the_policy_minimum_is_too_short()
    {
        Assert.Equal([PasswordViolation.TooShort], PasswordRules.Check("elevenchars", "jean", Policy.MinPasswordLength));
    }

    [Fact]
    public void A_password_of_exactly_the_minimum_length_is_long_enough()
    {
        Assert.Empty(PasswordRules.Check("twelve-chars", "jean", Policy.MinPasswordLength));
    }

    [Fact]
    public void The_minimum_length_comes_from_the_policy()
    {
        var policy = Policy with { MinPasswordLength = 16 };

        Assert.Equal([PasswordViolation.TooShort], PasswordRules.Check("fifteen-chars!!", "jean", policy.MinPasswordLength));
    }

    [Fact]
    public void Length_counts_characters_as_people_see_them()
    {
        // Twelve emoji are twelve characters, though 24 UTF-16 code units.
        Assert.Empty(PasswordRules.Check(string.Concat(Enumerable.Repeat("🔒", 12)), "jean", Policy.MinPasswordLength));
        Assert.Equal([PasswordViolation.TooShort], PasswordRules.Check(string.Concat(Enumerable.Repeat("🔒", 11)), "jean", Policy.MinPasswordLength));
    }

    [Fact]
    public void A_password_of_256_characters_is_accepted()
    {
        Assert.Empty(PasswordRules.Check(new string('x', 256), "jean", Policy.MinPasswordLength));
    }

    [Fact]
    public void A_password_over_256_characters_is_too_long()
    {
        Assert.Equal([PasswordViolation.TooLong], PasswordRules.Check(new string('x', 257), "jean", Policy.MinPasswordLength));
    }

    [Fact]
    public void A_password_containing_the_username_is_refused()
    {
        Assert.Equal([PasswordViolation.ContainsUsername], PasswordRules.Check("my-jeandupont-2026", "jeandupont", Policy.MinPasswordLength));
    }

    [Fact]
    public void The_username_is_found_whatever_its_case()
    {
        Assert.Equal([PasswordViolation.ContainsUsername], PasswordRules.Check("My-JEANDUPONT-2026", "JeanDupont", Policy.MinPasswordLength));
    }

    [Fact]
    public void A_very_short_username_is_not_looked_for()
    {
        Assert.Empty(PasswordRules.Check("a-long-passphrase-with-jo", "jo", Policy.MinPasswordLength));
    }

    [Fact]
    public void Every_violation_is_reported()
    {
        Assert.Equal([PasswordViolation.TooShort, PasswordViolation.ContainsUsername], PasswordRules.Check("jean1", "jean", Policy.MinPasswordLength));
    }

    [Fact]
    public void The_failure_lists_the_violations_and_the_minimum_length()
    {
        var failure = PasswordRules.ToFailure([PasswordViolation.TooShort, PasswordViolation.ContainsUsername], Policy.MinPasswordLength);

        Assert.Equal(ErrorCode.PasswordPolicy, failure.Code);
        Assert.Equal(["too_short", "contains_username"], (string[])failure.Details["violations"]!);
        Assert.Equal(12, failure.Details["minLength"]);
    }
}
