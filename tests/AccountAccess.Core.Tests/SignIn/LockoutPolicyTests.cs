using AccountAccess.Core.Organizations;
using AccountAccess.Core.SignIn;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.SignIn;

public class LockoutPolicyTests
{
    [Fact]
    public void One_organization_gives_its_own_policy()
    {
        var organization = Organization("org_a", new OrganizationPolicy { MaxFailedAttempts = 4, LockoutMinutes = 30 });

        var policy = LockoutPolicy.For([organization]);

        Assert.Equal(new LockoutPolicy(4, TimeSpan.FromMinutes(30)), policy);
    }

    [Fact]
    public void The_default_policy_locks_after_six_attempts_until_an_administrator_reactivates()
    {
        Assert.Equal(new LockoutPolicy(6, null), LockoutPolicy.For([Organization("org_a")]));
    }

    [Fact]
    public void No_organization_gives_the_default_policy()
    {
        Assert.Equal(new LockoutPolicy(6, null), LockoutPolicy.For([]));
    }

    [Fact]
    public void Trusted_devices_get_through_a_lock_only_if_every_organization_lets_them()
    {
        var lets = Organization("org_a");
        var pci = Organization("org_b", PolicyPresets.ValuesOf(PolicyPreset.PciDss4));

        Assert.True(LockoutPolicy.For([lets]).TrustedDevicesBypassLockout);
        Assert.False(LockoutPolicy.For([lets, pci]).TrustedDevicesBypassLockout);
    }

    [Fact]
    public void Several_organizations_give_the_fewest_attempts()
    {
        var lenient = Organization("org_a", new OrganizationPolicy { MaxFailedAttempts = 10, LockoutMinutes = 30 });
        var strict = Organization("org_b", new OrganizationPolicy { MaxFailedAttempts = 3, LockoutMinutes = 30 });

        Assert.Equal(3, LockoutPolicy.For([lenient, strict]).MaxFailedAttempts);
    }

    [Fact]
    public void Several_timed_organizations_give_the_longest_lock()
    {
        var shorter = Organization("org_a", new OrganizationPolicy { LockoutMinutes = 15 });
        var longer = Organization("org_b", new OrganizationPolicy { LockoutMinutes = 60 });

        Assert.Equal(TimeSpan.FromMinutes(60), LockoutPolicy.For([shorter, longer]).LockoutDuration);
    }

    [Fact]
    public void One_organization_without_a_duration_makes_the_lock_last_until_reactivation()
    {
        var timed = Organization("org_a", new OrganizationPolicy { LockoutMinutes = 30 });
        var untilReactivated = Organization("org_b", new OrganizationPolicy { LockoutMinutes = null });

        Assert.Null(LockoutPolicy.For([timed, untilReactivated]).LockoutDuration);
    }

    [Fact]
    public void The_duration_override_replaces_the_organizations_minutes()
    {
        var organization = Organization("org_a", new OrganizationPolicy { LockoutMinutes = 30 });

        var policy = LockoutPolicy.For([organization], durationOverride: TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(5), policy.LockoutDuration);
    }

    [Fact]
    public void The_duration_override_does_not_make_a_lock_until_reactivation_timed()
    {
        var organization = Organization("org_a", new OrganizationPolicy { LockoutMinutes = null });

        var policy = LockoutPolicy.For([organization], durationOverride: TimeSpan.FromSeconds(5));

        Assert.Null(policy.LockoutDuration);
    }

    [Fact]
    public void The_duration_override_leaves_the_attempt_count_alone()
    {
        var organization = Organization("org_a", new OrganizationPolicy { MaxFailedAttempts = 4, LockoutMinutes = 30 });

        Assert.Equal(4, LockoutPolicy.For([organization], TimeSpan.FromSeconds(5)).MaxFailedAttempts);
    }
}
