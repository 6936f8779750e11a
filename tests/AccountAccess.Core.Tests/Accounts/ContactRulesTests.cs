using AccountAccess.Core.Accounts;
using AccountAccess.Core.Errors;

namespace AccountAccess.Core.Tests.Accounts;

public class ContactRulesTests
{
    private static void AssertRefused(Failure? failure, string field)
    {
        Assert.NotNull(failure);
        Assert.Equal(ErrorCode.InvalidRequest, failure.Code);
        Assert.Equal(field, failure.Details["field"]);
    }

    [Theory]
    [InlineData("jean")]
    [InlineData("jean.dupont")]
    [InlineData("jean@example.com")]
    [InlineData(" jean ")]
    [InlineData("ｊｅａｎ")]
    public void Usernames_without_spaces_are_accepted(string username)
    {
        Assert.Null(ContactRules.CheckUsername(username));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("jean dupont")]
    [InlineData("jean\tdupont")]
    [InlineData("jean\u0000")]
    public void Empty_usernames_and_usernames_with_spaces_or_control_characters_are_refused(string username)
    {
        AssertRefused(ContactRules.CheckUsername(username), "username");
    }

    [Fact]
    public void A_username_of_128_characters_is_accepted()
    {
        Assert.Null(ContactRules.CheckUsername(new string('a', 128)));
    }

    [Fact]
    public void A_username_over_128_characters_is_refused()
    {
        AssertRefused(ContactRules.CheckUsername(new string('a', 129)), "username");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("Jean\nDupont")]
    public void Blank_display_names_or_display_names_with_control_characters_are_refused(string displayName)
    {
        AssertRefused(ContactRules.CheckDisplayName(displayName), "displayName");
    }

    [Fact]
    public void A_display_name_with_spaces_and_accents_is_accepted()
    {
        Assert.Null(ContactRules.CheckDisplayName("Hélène Côté-Tremblay"));
    }

    [Theory]
    [InlineData("jean@example.com")]
    [InlineData("jean.dupont+work@sub.example.co.uk")]
    public void Email_addresses_are_accepted(string email)
    {
        Assert.Null(ContactRules.CheckEmail(email));
    }

    [Fact]
    public void No_email_is_accepted()
    {
        Assert.Null(ContactRules.CheckEmail(null));
    }

    [Theory]
    [InlineData("jean")]
    [InlineData("jean@")]
    [InlineData("@example.com")]
    [InlineData("jean@localhost")]
    [InlineData("Jean Dupont <jean@example.com>")]
    [InlineData("jean@exa mple.com")]
    [InlineData("")]
    public void Things_that_are_not_email_addresses_are_refused(string email)
    {
        AssertRefused(ContactRules.CheckEmail(email), "email");
    }

    [Fact]
    public void An_overlong_email_is_refused()
    {
        AssertRefused(ContactRules.CheckEmail(new string('a', 250) + "@example.com"), "email");
    }

    [Fact]
    public void A_refused_email_names_the_field_asked_for()
    {
        AssertRefused(ContactRules.CheckEmail("nope", "primaryContactEmail"), "primaryContactEmail");
    }

    [Fact]
    public void Up_to_ten_secondary_emails_are_accepted()
    {
        Assert.Null(ContactRules.CheckSecondaryEmails([.. Enumerable.Range(1, 10).Select(i => $"jean{i}@example.com")]));
    }

    [Fact]
    public void More_than_ten_secondary_emails_are_refused()
    {
        AssertRefused(ContactRules.CheckSecondaryEmails([.. Enumerable.Range(1, 11).Select(i => $"jean{i}@example.com")]), "secondaryEmails");
    }

    [Fact]
    public void One_bad_secondary_email_refuses_the_list()
    {
        AssertRefused(ContactRules.CheckSecondaryEmails(["jean@example.com", "not-an-email"]), "secondaryEmails");
    }

    [Theory]
    [InlineData("+15145550100")]
    [InlineData("+33612345678")]
    [InlineData("+4420123")]
    [InlineData("+123456789012345")]
    public void E164_phone_numbers_are_accepted(string phone)
    {
        Assert.Null(ContactRules.CheckPhone(phone));
    }

    [Fact]
    public void No_phone_is_accepted()
    {
        Assert.Null(ContactRules.CheckPhone(null));
    }

    [Theory]
    [InlineData("5145550100")]
    [InlineData("+1 514 555 0100")]
    [InlineData("+1-514-555-0100")]
    [InlineData("+05145550100")]
    [InlineData("+123456")]
    [InlineData("+1234567890123456")]
    [InlineData("+1514555010a")]
    [InlineData("")]
    public void Phone_numbers_not_in_e164_are_refused(string phone)
    {
        AssertRefused(ContactRules.CheckPhone(phone), "phone");
    }
}
