using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Passwords;

public class PasswordPolicyTests
{
    private static readonly PasswordSettings NoOverrides = new();

    private static Organization With(string id, OrganizationPolicy policy) => Organization(id, policy);

    [Fact]
    public void Someone_of_no_organization_gets_the_default_policy()
    {
        var policy = PasswordPolicy.For([], NoOverrides);

        Assert.Equal(new PasswordPolicy(12, 4, TimeSpan.FromDays(90), TimeSpan.FromDays(7)), policy);
    }

    [Fact]
    public void One_organization_gives_its_own_policy()
    {
        var policy = PasswordPolicy.For([With("a", OrganizationPolicy.Default with
        {
            MinPasswordLength = 14, PasswordHistory = 6, PasswordMaxAgeDays = 60, PasswordExpiryReminderDays = 10,
        })], NoOverrides);

        Assert.Equal(new PasswordPolicy(14, 6, TimeSpan.FromDays(60), TimeSpan.FromDays(10)), policy);
    }

    [Fact]
    public void Several_organizations_give_the_strictest_of_each_rule()
    {
        var policy = PasswordPolicy.For(
        [
            With("a", OrganizationPolicy.Default with { MinPasswordLength = 16, PasswordHistory = 2, PasswordMaxAgeDays = 120, PasswordExpiryReminderDays = 3 }),
            With("b", OrganizationPolicy.Default with { MinPasswordLength = 10, PasswordHistory = 8, PasswordMaxAgeDays = 45, PasswordExpiryReminderDays = 14 }),
        ], NoOverrides);

        Assert.Equal(new PasswordPolicy(16, 8, TimeSpan.FromDays(45), TimeSpan.FromDays(14)), policy);
    }

    [Fact]
    public void Rotation_is_off_only_when_no_organization_rotates()
    {
        var off = With("off", OrganizationPolicy.Default with { PasswordMaxAgeDays = 0 });
        var thirty = With("on", OrganizationPolicy.Default with { PasswordMaxAgeDays = 30 });

        Assert.Null(PasswordPolicy.For([off], NoOverrides).MaxAge);
        Assert.Equal(TimeSpan.FromDays(30), PasswordPolicy.For([off, thirty], NoOverrides).MaxAge);
    }

    [Fact]
    public void The_overrides_replace_max_age_and_lead()
    {
        var settings = new PasswordSettings { MaxAgeOverride = TimeSpan.FromSeconds(6), ReminderLeadOverride = TimeSpan.FromSeconds(3) };

        var policy = PasswordPolicy.For([With("a", OrganizationPolicy.Default)], settings);

        Assert.Equal(TimeSpan.FromSeconds(6), policy.MaxAge);
        Assert.Equal(TimeSpan.FromSeconds(3), policy.ReminderLead);
    }

    [Fact]
    public void The_max_age_override_does_not_turn_rotation_on_for_an_organization_that_has_it_off()
    {
        var settings = new PasswordSettings { MaxAgeOverride = TimeSpan.FromSeconds(6) };

        Assert.Null(PasswordPolicy.For([With("off", OrganizationPolicy.Default with { PasswordMaxAgeDays = 0 })], settings).MaxAge);
    }

    [Fact]
    public void The_password_settings_defaults_are_the_documented_ones()
    {
        var settings = new PasswordSettings();

        Assert.Equal(TimeSpan.FromHours(24), settings.ResetLinkLifetime);
        Assert.Equal("http://localhost:7071", settings.PublicBaseUrl);
        Assert.Null(settings.MaxAgeOverride);
        Assert.Null(settings.ReminderLeadOverride);
        Assert.Equal(5, settings.LinksKept);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.LinkEmailClaimTimeout);
    }

    [Fact]
    public void Links_point_at_the_reset_and_activation_pages_with_the_token_escaped()
    {
        var settings = new PasswordSettings { PublicBaseUrl = "https://app.example.com/" };

        Assert.Equal("https://app.example.com/reset-password?token=a.b.c-_d", settings.LinkFor(ResetLinkPurpose.Reset, "a.b.c-_d"));
        Assert.Equal("https://app.example.com/activate?token=a%2Bb", settings.LinkFor(ResetLinkPurpose.Activation, "a+b"));
    }
}
