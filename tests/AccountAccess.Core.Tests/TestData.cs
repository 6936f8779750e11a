using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Organizations;

namespace AccountAccess.Core.Tests;

/// <summary>Small, explicit building blocks for arranging users and organizations.</summary>
internal static class TestData
{
    /// <summary>The instant every test's <c>FakeTimeProvider</c> starts at (a Tuesday, midday UTC).</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    public static readonly RequestContext FromIp = new(Actor.Anonymous, "203.0.113.7");

    public static Organization Organization(string id, OrganizationPolicy? policy = null) => new()
    {
        Id = id,
        Name = "Organization " + id,
        Policy = policy ?? OrganizationPolicy.Default,
        CreatedAt = Start,
    };

    public static Membership Member(string organizationId, Role role, params string[] unitIds) =>
        new(organizationId, role, unitIds, [], Start);

    public static Membership Supervisor(string organizationId, params string[] unitIds) =>
        new(organizationId, Role.Manager, unitIds, [Permission.UserManagement], Start);

    /// <summary>An active user named after its id, with a placeholder password hash (use <see cref="WithPassword"/> to sign in).</summary>
    public static User User(string id, params Membership[] memberships) => new()
    {
        Id = id,
        Username = id,
        DisplayName = "User " + id,
        Email = id + "@example.com",
        Password = new StoredPassword("not-a-real-hash", Start, Temporary: false),
        SecurityStamp = "stamp-" + id,
        Memberships = memberships,
        CreatedAt = Start,
    };

    public static User WithPassword(this User user, string hash) =>
        user with { Password = new StoredPassword(hash, Start, Temporary: false) };

    public static Caller.SignedInUser SignedIn(User user) => new(user);

    public static RequestContext ContextOf(Caller caller) => new(caller.Actor, "198.51.100.20");
}
