using AccountAccess.Core.Accounts;
using AccountAccess.Core.Members;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Members;

/// <summary>
/// <c>password_expired</c> in a member list: a password rotation marked, or one older than the organization's maximum age
/// at the time of the list, whatever the index entry was written with.
/// </summary>
public sealed class PasswordAgingTests
{
    private static readonly PasswordSettings Settings = new();

    [Fact]
    public void A_password_older_than_the_maximum_age_is_expired_though_rotation_never_marked_it()
    {
        var aging = PasswordAging.For(Organization("org_a", new OrganizationPolicy { PasswordMaxAgeDays = 30 }), Settings);
        var member = Entry(User("usr_a", Member("org_a", Role.Employee)) with { Password = new StoredPassword("hash", Start, Temporary: false) });

        Assert.False(aging.HasExpired(member, Start.AddDays(30).AddTicks(-1)));
        Assert.True(aging.HasExpired(member, Start.AddDays(30)));
        Assert.Equal(Start, aging.ChangedNoLaterThan(Start.AddDays(30)));
    }

    [Fact]
    public void Without_rotation_only_a_password_rotation_marked_is_expired()
    {
        var aging = PasswordAging.For(Organization("org_a", new OrganizationPolicy { PasswordMaxAgeDays = 0 }), Settings);
        var unmarked = Entry(User("usr_a", Member("org_a", Role.Employee)) with { Password = new StoredPassword("hash", Start, Temporary: false) });
        var marked = Entry(User("usr_b", Member("org_a", Role.Employee)) with { Password = new StoredPassword("hash", Start, Temporary: false, ExpiredAt: Start) });

        Assert.False(aging.HasExpired(unmarked, Start.AddYears(5)));
        Assert.True(aging.HasExpired(marked, Start));
        Assert.Null(aging.ChangedNoLaterThan(Start));
    }

    [Fact]
    public void Under_pci_dss_4_a_second_factor_keeps_a_password_from_expiring_by_age()
    {
        var aging = PasswordAging.For(Organization("org_a", PolicyPresets.ValuesOf(PolicyPreset.PciDss4)), Settings);
        var member = Entry(User("usr_a", Member("org_a", Role.Employee)) with { Password = new StoredPassword("hash", Start, Temporary: false) });

        Assert.True(aging.HasExpired(member, Start.AddDays(91)));
        Assert.False(aging.HasExpired(member with { TwoFactorEnrolled = true }, Start.AddDays(91)));
    }

    [Fact]
    public void The_maximum_age_override_replaces_the_policys_days()
    {
        var aging = PasswordAging.For(Organization("org_a", new OrganizationPolicy { PasswordMaxAgeDays = 90 }), new PasswordSettings { MaxAgeOverride = TimeSpan.FromSeconds(2) });

        Assert.Equal(TimeSpan.FromSeconds(2), aging.MaxAge);
    }

    private static OrganizationMember Entry(User user) => OrganizationMember.Of(user).Single();
}
