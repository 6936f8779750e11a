using AccountAccess.Core.Accounts;
using AccountAccess.Core.Members;

namespace AccountAccess.Core.Tests.Members;

public class SearchTextTests
{
    [Theory]
    [InlineData("Éloïse", "eloise")]
    [InlineData("  ELOISE  ", "eloise")]
    [InlineData("Ｊｅａｎ", "jean")]
    [InlineData("François   Côté", "francois cote")]
    [InlineData("Zoë\tDupré", "zoe dupre")]
    public void A_name_is_searched_without_case_accents_width_or_extra_spaces(string name, string searched)
    {
        Assert.Equal(searched, SearchText.Normalize(name));
    }

    [Fact]
    public void A_long_name_is_cut_at_the_limit_never_inside_a_surrogate_pair()
    {
        var name = new string('a', SearchText.MaxLength - 1) + "😀tail";

        var searched = SearchText.Normalize(name);

        Assert.Equal(new string('a', SearchText.MaxLength - 1), searched);
    }

    [Fact]
    public void A_member_is_found_by_its_username_email_display_name_and_the_rest_of_it_from_each_later_word()
    {
        var member = Member("jdupont", "Jean-Marc Dupont", "JM.Dupont@Example.com");

        Assert.Equal(["jdupont", "jm.dupont@example.com", "jean-marc dupont", "marc dupont", "dupont"], SearchText.TermsOf(member));
    }

    [Fact]
    public void A_member_without_email_has_no_email_term_and_repeats_are_dropped()
    {
        var member = Member("dupont", "Dupont", null);

        Assert.Equal(["dupont"], SearchText.TermsOf(member));
    }

    private static OrganizationMember Member(string username, string displayName, string? email) =>
        new("org_a", "usr_a", Role.Employee, [], AccountStatus.Active, email is not null, true, null, false)
        {
            Username = username,
            DisplayName = displayName,
            Email = email,
        };
}
