using AccountAccess.Core.SignIn;

namespace AccountAccess.Core.Tests.SignIn;

public class AppVersionTests
{
    private static AppVersion Parse(string text)
    {
        Assert.True(AppVersion.TryParse(text, out var version), $"'{text}' should parse");
        return version;
    }

    [Fact]
    public void Parts_compare_as_numbers_not_text()
    {
        Assert.True(Parse("3.10.0").CompareTo(Parse("3.2.0")) > 0);
        Assert.True(Parse("3.2.0").CompareTo(Parse("3.10.0")) < 0);
    }

    [Fact]
    public void Missing_parts_count_as_zero()
    {
        Assert.Equal(0, Parse("3.2").CompareTo(Parse("3.2.0")));
        Assert.Equal(0, Parse("3.2.0").CompareTo(Parse("3.2")));
    }

    [Fact]
    public void A_later_patch_is_newer()
    {
        Assert.True(Parse("3.2.1").CompareTo(Parse("3.2")) > 0);
    }

    [Fact]
    public void The_same_version_parsed_twice_is_equal()
    {
        // AppVersion is a record, so == and Equals are part of its contract, not only CompareTo.
        Assert.Equal(Parse("3.2.0"), Parse("3.2.0"));
    }

    [Fact]
    public void Versions_that_compare_equal_are_equal_values()
    {
        // Equality must agree with the ordering: 3.2 = 3.2.0.
        Assert.Equal(Parse("3.2"), Parse("3.2.0"));
    }

    [Fact]
    public void A_pre_release_is_older_than_its_release()
    {
        Assert.True(Parse("3.2.0-beta").CompareTo(Parse("3.2.0")) < 0);
        Assert.True(Parse("3.2.0").CompareTo(Parse("3.2.0-beta")) > 0);
    }

    [Fact]
    public void A_pre_release_is_newer_than_the_previous_release()
    {
        Assert.True(Parse("3.2.0-beta").CompareTo(Parse("3.1.9")) > 0);
    }

    [Fact]
    public void Pre_releases_compare_among_themselves()
    {
        Assert.True(Parse("3.2.0-alpha").CompareTo(Parse("3.2.0-beta")) < 0);
    }

    [Fact]
    public void Numeric_pre_release_identifiers_compare_as_numbers()
    {
        // Semantic Versioning 2.0.0 §11.4.1: identifiers of digits only compare numerically (beta.2 < beta.10).
        Assert.True(Parse("3.2.0-beta.2").CompareTo(Parse("3.2.0-beta.10")) < 0);
    }

    [Fact]
    public void Build_metadata_is_ignored()
    {
        Assert.Equal(0, Parse("3.2.0+build.45").CompareTo(Parse("3.2.0")));
    }

    [Fact]
    public void Surrounding_spaces_are_ignored()
    {
        Assert.Equal(0, Parse(" 3.2.0 ").CompareTo(Parse("3.2.0")));
    }

    [Fact]
    public void Any_version_is_newer_than_none()
    {
        Assert.True(Parse("0.0.1").CompareTo(null) > 0);
    }

    [Fact]
    public void A_version_prints_its_parts_and_pre_release()
    {
        Assert.Equal("3.2.0-beta", Parse("3.2.0-beta+build.45").ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("v3.2.0")]
    [InlineData("3..2")]
    [InlineData("3.2.")]
    [InlineData(".3.2")]
    [InlineData("3.x")]
    [InlineData("-3.2")]
    [InlineData("3.-2")]
    [InlineData("3.2.0-")]
    [InlineData("-beta")]
    [InlineData("1.2.3.4.5")]
    [InlineData("99999999999.0")]
    [InlineData("٣.٢")]
    [InlineData("3 .2")]
    public void Bad_inputs_are_refused(string? text)
    {
        Assert.False(AppVersion.TryParse(text, out var version));
        Assert.Null(version);
    }

    [Fact]
    public void An_overlong_input_is_refused()
    {
        Assert.False(AppVersion.TryParse("1." + new string('0', 70), out _));
    }
}
