using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;

namespace AccountAccess.Core.Tests.Organizations;

public sealed class PolicyPresetsTests
{
    [Fact]
    public void The_PCI_DSS_preset_has_the_requirement_8_3_values()
    {
        var pci = PolicyPresets.ValuesOf(PolicyPreset.PciDss4);

        Assert.Equal((12, 4, 90, 10, (int?)30), (pci.MinPasswordLength, pci.PasswordHistory, pci.PasswordMaxAgeDays, pci.MaxFailedAttempts, pci.LockoutMinutes));
        Assert.False(pci.TrustedDevicesBypassLockout);
        Assert.Empty(PolicyPresets.Deviations(pci));
    }

    [Fact]
    public void The_NIST_preset_has_eight_characters_and_no_rotation()
    {
        var nist = PolicyPresets.ValuesOf(PolicyPreset.Nist80063B);

        Assert.Equal((8, 0), (nist.MinPasswordLength, nist.PasswordMaxAgeDays));
        Assert.Empty(PolicyPresets.Deviations(nist));
    }

    [Fact]
    public void No_preset_means_the_documented_defaults_and_no_deviations()
    {
        Assert.Equal(OrganizationPolicy.Default, PolicyPresets.ValuesOf(null));
        Assert.Empty(PolicyPresets.Deviations(OrganizationPolicy.Default with { MinPasswordLength = 8 }));
    }

    [Theory]
    [InlineData("minPasswordLength")]
    [InlineData("passwordHistory")]
    [InlineData("passwordMaxAgeDays")]
    [InlineData("maxFailedAttempts")]
    [InlineData("lockoutMinutes")]
    [InlineData("trustedDevicesBypassLockout")]
    public void A_weaker_override_of_a_PCI_rule_is_reported_with_the_rule(string field)
    {
        var pci = PolicyPresets.ValuesOf(PolicyPreset.PciDss4);
        var weaker = field switch
        {
            "minPasswordLength" => pci with { MinPasswordLength = 10 },
            "passwordHistory" => pci with { PasswordHistory = 2 },
            "passwordMaxAgeDays" => pci with { PasswordMaxAgeDays = 0 },
            "maxFailedAttempts" => pci with { MaxFailedAttempts = 15 },
            "trustedDevicesBypassLockout" => pci with { TrustedDevicesBypassLockout = true },
            _ => pci with { LockoutMinutes = 5 },
        };

        var deviation = Assert.Single(PolicyPresets.Deviations(weaker));

        Assert.Equal(field, deviation.Field);
        Assert.StartsWith("PCI DSS 8.3.", deviation.Rule);
    }

    [Fact]
    public void A_stricter_override_is_not_a_deviation()
    {
        var pci = PolicyPresets.ValuesOf(PolicyPreset.PciDss4) with { MinPasswordLength = 16, LockoutMinutes = null, MaxFailedAttempts = 5 };

        Assert.Empty(PolicyPresets.Deviations(pci));
    }

    [Fact]
    public void Periodic_rotation_breaks_the_NIST_preset()
    {
        var deviation = Assert.Single(PolicyPresets.Deviations(PolicyPresets.ValuesOf(PolicyPreset.Nist80063B) with { PasswordMaxAgeDays = 90 }));

        Assert.Equal("passwordMaxAgeDays", deviation.Field);
    }

    [Fact]
    public void Under_the_PCI_preset_a_second_factor_waives_rotation_as_8_3_9_allows()
    {
        var organizations = new[] { new Organization { Id = "org_a", Name = "A", Policy = PolicyPresets.ValuesOf(PolicyPreset.PciDss4) } };

        Assert.Equal(TimeSpan.FromDays(90), PasswordPolicy.For(organizations, new PasswordSettings()).MaxAge);
        Assert.Null(PasswordPolicy.For(organizations, new PasswordSettings(), secondFactorEnrolled: true).MaxAge);
    }

    [Fact]
    public void Without_the_PCI_preset_a_second_factor_does_not_waive_rotation()
    {
        var organizations = new[] { new Organization { Id = "org_a", Name = "A" } };

        Assert.Equal(TimeSpan.FromDays(90), PasswordPolicy.For(organizations, new PasswordSettings(), secondFactorEnrolled: true).MaxAge);
    }
}
