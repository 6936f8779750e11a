using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Authorization;

/// <summary>What an organization's reader sees of a person who belongs to other organizations too (API.md "Several organizations").</summary>
public class AccountViewTests
{
    private static readonly AccountView OfA = AccountView.Within(["org_a"]);

    private static readonly User Shared = User("usr_shared", Member("org_a", Role.Client), Member("org_b", Role.Administrator)) with
    {
        FailedAttempts = new FailedAttempts(2, Start, "198.51.100.9"),
    };

    private static AuditEvent Event(Actor actor, string? organizationId = null, string ip = "198.51.100.9") =>
        new("evt_" + Guid.NewGuid().ToString("N"), Start, AuditAction.UserUpdated, actor, null, ip,
            organizationId is null ? null : new Dictionary<string, string> { ["organizationId"] = organizationId });

    [Fact]
    public void The_user_shows_only_the_readers_memberships_and_not_where_its_last_failure_came_from()
    {
        var seen = OfA.Of(Shared);

        Assert.Equal("org_a", Assert.Single(seen.Memberships).OrganizationId);
        Assert.Null(seen.FailedAttempts.LastIp);
        Assert.Equal(2, seen.FailedAttempts.Count);
    }

    [Fact]
    public void Events_of_another_organization_are_not_shown()
    {
        var events = OfA.Of([Event(Actor.Operator, "org_b"), Event(Actor.ForUser("usr_admin_b"))], Shared.Id);

        Assert.Empty(events);
    }

    [Fact]
    public void Events_of_the_readers_organization_are_shown_whole()
    {
        var theirs = Event(Actor.ForUser("usr_admin_a"), "org_a");

        Assert.Equal([theirs], OfA.Of([theirs], Shared.Id));
    }

    [Fact]
    public void The_accounts_own_events_are_shown_without_their_address()
    {
        var events = OfA.Of([Event(Actor.Anonymous), Event(Actor.ForUser(Shared.Id)), Event(Actor.System)], Shared.Id);

        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Null(e.Ip));
    }

    [Fact]
    public void The_whole_view_changes_nothing()
    {
        var events = new[] { Event(Actor.ForUser("usr_admin_b"), "org_b") };

        Assert.Same(Shared, AccountView.Whole.Of(Shared));
        Assert.Equal(events, AccountView.Whole.Of(events, Shared.Id));
    }

    [Fact]
    public void An_event_recorded_for_an_organization_carries_it_and_its_readers_see_it()
    {
        var context = new RequestContext(Actor.ForUser("usr_admin_a"), "198.51.100.9", "org_a");

        var deactivated = AuditEvent.Create(AuditAction.Deactivated, context, Start, "manual");

        Assert.Equal("org_a", deactivated.Details![AuditEvent.OrganizationKey]);
        Assert.Equal([deactivated], OfA.Of([deactivated], Shared.Id));
        Assert.Empty(AccountView.Within(["org_b"]).Of([deactivated], Shared.Id));
    }

    [Fact]
    public void An_event_that_names_its_organization_keeps_it()
    {
        var context = new RequestContext(Actor.ForUser("usr_admin_a"), null, "org_a");

        var revoked = AuditEvent.Create(AuditAction.AccessRevoked, context, Start, details: new Dictionary<string, string> { ["organizationId"] = "org_b" });

        Assert.Equal("org_b", revoked.Details![AuditEvent.OrganizationKey]);
    }
}
