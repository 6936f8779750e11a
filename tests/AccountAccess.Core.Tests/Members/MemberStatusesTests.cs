using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Members;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Members;

public class MemberStatusesTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(Start.UtcDateTime);

    [Fact]
    public void A_member_with_a_password_and_nothing_else_is_active()
    {
        Assert.Equal(MemberStatus.Active, MemberStatuses.PrimaryAt(Entry(User("usr_a", Member("org_a", Role.Employee))), Start));
    }

    [Fact]
    public void A_member_without_a_password_is_pending_activation()
    {
        var entry = Entry(User("usr_a", Member("org_a", Role.Employee)) with { Password = null });

        Assert.Equal(MemberStatus.PendingActivation, MemberStatuses.PrimaryAt(entry, Start));
    }

    [Theory]
    [InlineData(DeactivationReason.TooManyAttempts, MemberStatus.Locked)]
    [InlineData(DeactivationReason.SuspiciousActivity, MemberStatus.Locked)]
    [InlineData(DeactivationReason.Manual, MemberStatus.Deactivated)]
    [InlineData(DeactivationReason.Merged, MemberStatus.Deactivated)]
    public void A_security_lock_is_locked_and_a_persons_deactivation_deactivated(DeactivationReason reason, MemberStatus status)
    {
        var entry = Entry(User("usr_a", Member("org_a", Role.Employee)) with { Deactivation = new Deactivation(reason, Start, null, Actor.Anonymous) });

        Assert.Equal(status, MemberStatuses.PrimaryAt(entry, Start));
    }

    [Fact]
    public void A_timed_lock_is_locked_until_it_ends_then_active_without_any_save()
    {
        var entry = Entry(User("usr_a", Member("org_a", Role.Employee))
            with { Deactivation = new Deactivation(DeactivationReason.TooManyAttempts, Start, Start.AddMinutes(30), Actor.Anonymous) });

        Assert.Equal(MemberStatus.Locked, MemberStatuses.PrimaryAt(entry, Start.AddMinutes(29)));
        Assert.Equal(MemberStatus.Active, MemberStatuses.PrimaryAt(entry, Start.AddMinutes(30)));
        Assert.Contains(MemberStatus.Active, MemberStatuses.CandidatesOf(entry));
    }

    [Fact]
    public void A_departure_date_counts_once_it_has_passed_even_for_a_deactivated_member()
    {
        var entry = Entry(User("usr_a", Member("org_a", Role.Employee)) with
        {
            DepartureDate = Today.AddDays(1),
            Deactivation = new Deactivation(DeactivationReason.Manual, Start, null, Actor.Operator),
        });

        Assert.False(MemberStatuses.Has(entry, MemberStatus.Departed, Start));
        Assert.True(MemberStatuses.Has(entry, MemberStatus.Departed, Start.AddDays(2)));
        Assert.Contains(MemberStatus.Departed, MemberStatuses.CandidatesOf(entry));
    }

    [Fact]
    public void An_expired_password_and_a_missing_email_are_statuses_beside_the_primary_one()
    {
        var entry = Entry(User("usr_a", Member("org_a", Role.Employee)) with
        {
            Email = null,
            Password = new StoredPassword("hash", Start.AddDays(-100), Temporary: false, ExpiredAt: Start.AddDays(-10)),
        });

        Assert.Equal(MemberStatus.Active, MemberStatuses.PrimaryAt(entry, Start));
        Assert.True(MemberStatuses.Has(entry, MemberStatus.PasswordExpired, Start));
        Assert.True(MemberStatuses.Has(entry, MemberStatus.NoEmail, Start));
    }

    [Fact]
    public void Every_status_a_member_has_at_any_time_but_an_expired_password_is_among_those_the_index_files_it_under()
    {
        var entries = new[]
        {
            User("usr_a", Member("org_a", Role.Employee)),
            User("usr_b", Member("org_a", Role.Employee)) with { Password = null, Email = null },
            User("usr_c", Member("org_a", Role.Employee)) with { Deactivation = new Deactivation(DeactivationReason.TooManyAttempts, Start, Start.AddHours(1), Actor.Anonymous) },
            User("usr_d", Member("org_a", Role.Employee)) with { Deactivation = new Deactivation(DeactivationReason.Manual, Start, null, Actor.Operator), DepartureDate = Today },
            User("usr_e", Member("org_a", Role.Employee)) with { Password = new StoredPassword("hash", Start, false, ExpiredAt: Start) },
        }.Select(Entry);
        var times = new[] { Start, Start.AddHours(2), Start.AddDays(3) };

        foreach (var entry in entries)
        {
            foreach (var at in times)
            {
                // An expired password is filed by when it was set (PasswordAgingTests), not by status.
                foreach (var status in Enum.GetValues<MemberStatus>().Where(s => s != MemberStatus.PasswordExpired && MemberStatuses.Has(entry, s, at)))
                {
                    Assert.Contains(status, MemberStatuses.CandidatesOf(entry));
                }
            }
        }
    }

    private static OrganizationMember Entry(User user) => OrganizationMember.Of(user).Single();
}
