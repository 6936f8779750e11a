using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Tests.Accounts;

public class LoginNameTests
{
    [Fact]
    public void Full_width_letters_become_their_ascii_form()
    {
        Assert.Equal("jean", LoginName.Normalize("ｊｅａｎ"));
    }

    [Fact]
    public void Compatibility_characters_are_folded()
    {
        // "ﬁ" (U+FB01, a ligature) and "①" are NFKC-equivalent to "fi" and "1".
        Assert.Equal("fiona1", LoginName.Normalize("ﬁona①"));
    }

    [Fact]
    public void Composed_and_decomposed_accents_are_the_same_login()
    {
        Assert.Equal(LoginName.Normalize("h\u00E9l\u00E8ne"), LoginName.Normalize("he\u0301le\u0300ne"));
    }

    [Fact]
    public void Surrounding_whitespace_is_trimmed()
    {
        Assert.Equal("jean@example.com", LoginName.Normalize(" \tjean@example.com \n"));
    }

    [Fact]
    public void A_full_width_space_is_trimmed()
    {
        Assert.Equal("jean", LoginName.Normalize("\u3000jean\u3000"));
    }

    [Fact]
    public void Case_does_not_matter()
    {
        Assert.Equal(LoginName.Normalize("jean.dupont@example.com"), LoginName.Normalize("Jean.DUPONT@Example.COM"));
    }

    [Fact]
    public void Full_width_capitals_with_spaces_are_the_plain_lower_case_login()
    {
        Assert.Equal("jean", LoginName.Normalize("ＪＥＡＮ "));
    }

    [Fact]
    public void Inner_characters_are_kept()
    {
        Assert.Equal("jean dupont", LoginName.Normalize("Jean Dupont"));
    }
}
