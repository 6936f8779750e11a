using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.Tests.Organizations;

public class OrganizationPolicyTests
{
    [Fact]
    public void Defaults_are_the_documented_policy()
    {
        var policy = new OrganizationPolicy();

        Assert.Equal(6, policy.MaxFailedAttempts);
        Assert.Null(policy.LockoutMinutes);
        Assert.Equal(90, policy.PasswordMaxAgeDays);
        Assert.Equal(7, policy.PasswordExpiryReminderDays);
        Assert.Equal(12, policy.MinPasswordLength);
        Assert.Equal(4, policy.PasswordHistory);
        Assert.Null(policy.MinimumAppVersion);
        Assert.False(policy.RequireTwoFactor);
        Assert.False(policy.EmailSecondFactor); // NIST SP 800-63B 5.1.3.1: email is no out-of-band authenticator
        Assert.True(policy.TrustedDevicesBypassLockout);
        Assert.False(policy.RequirePhishingResistant);
    }

    [Fact]
    public void The_shared_default_is_the_documented_policy()
    {
        Assert.Equal(new OrganizationPolicy(), OrganizationPolicy.Default);
    }

    [Fact]
    public void The_default_policy_has_no_violations()
    {
        Assert.Empty(OrganizationPolicy.Default.Violations());
    }

    [Fact]
    public void A_policy_at_every_limit_has_no_violations()
    {
        var lowest = new OrganizationPolicy
        {
            MaxFailedAttempts = 1, LockoutMinutes = 1, PasswordMaxAgeDays = 0, PasswordExpiryReminderDays = 0,
            MinPasswordLength = 8, PasswordHistory = 0, MinimumAppVersion = "1.0",
        };
        var highest = new OrganizationPolicy
        {
            MaxFailedAttempts = 20, LockoutMinutes = 525_600, PasswordMaxAgeDays = 3650, PasswordExpiryReminderDays = 365,
            MinPasswordLength = 256, PasswordHistory = 24, MinimumAppVersion = "3.10.2-beta",
        };

        Assert.Empty(lowest.Violations());
        Assert.Empty(highest.Violations());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    [InlineData(-1)]
    public void Max_failed_attempts_outside_1_to_20_is_a_violation(int maxFailedAttempts)
    {
        var policy = new OrganizationPolicy { MaxFailedAttempts = maxFailedAttempts };

        Assert.Equal(["maxFailedAttempts"], policy.Violations().Select(v => v.Field));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(525_601)]
    public void Lockout_minutes_outside_1_to_a_year_is_a_violation(int lockoutMinutes)
    {
        var policy = new OrganizationPolicy { LockoutMinutes = lockoutMinutes };

        Assert.Equal(["lockoutMinutes"], policy.Violations().Select(v => v.Field));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3651)]
    public void Password_max_age_outside_0_to_3650_days_is_a_violation(int days)
    {
        var policy = new OrganizationPolicy { PasswordMaxAgeDays = days };

        Assert.Equal(["passwordMaxAgeDays"], policy.Violations().Select(v => v.Field));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(366)]
    public void Expiry_reminder_outside_0_to_365_days_is_a_violation(int days)
    {
        var policy = new OrganizationPolicy { PasswordExpiryReminderDays = days };

        Assert.Equal(["passwordExpiryReminderDays"], policy.Violations().Select(v => v.Field));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(257)]
    public void Minimum_password_length_outside_8_to_256_is_a_violation(int length)
    {
        var policy = new OrganizationPolicy { MinPasswordLength = length };

        Assert.Equal(["minPasswordLength"], policy.Violations().Select(v => v.Field));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(25)]
    public void Password_history_outside_0_to_24_is_a_violation(int history)
    {
        var policy = new OrganizationPolicy { PasswordHistory = history };

        Assert.Equal(["passwordHistory"], policy.Violations().Select(v => v.Field));
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("3..2")]
    [InlineData("")]
    public void A_minimum_app_version_that_is_not_a_version_is_a_violation(string version)
    {
        var policy = new OrganizationPolicy { MinimumAppVersion = version };

        Assert.Equal(["minimumAppVersion"], policy.Violations().Select(v => v.Field));
    }

    [Fact]
    public void Every_field_out_of_range_is_reported()
    {
        var policy = new OrganizationPolicy { MaxFailedAttempts = 0, MinPasswordLength = 4, PasswordHistory = 99 };

        Assert.Equal(["maxFailedAttempts", "minPasswordLength", "passwordHistory"], policy.Violations().Select(v => v.Field));
    }
}
