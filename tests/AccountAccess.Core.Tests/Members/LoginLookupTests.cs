using AccountAccess.Core.Accounts;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Members;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Members;

public sealed class LoginLookupTests
{
    private readonly InMemoryUserStore users = new();
    private readonly LoginLookup lookup;

    public LoginLookupTests()
    {
        lookup = new LoginLookup(users);
        users.Add(User("usr_client", Member("org_a", Role.Client), Member("org_b", Role.Client)) with { SecondaryEmails = ["Other@Example.com"] });
    }

    [Theory]
    [InlineData("usr_client")]
    [InlineData(" USR_CLIENT@example.com ")]
    [InlineData("other@example.com")]
    public async Task An_operator_finds_a_user_by_its_username_main_email_or_secondary_email_with_every_membership(string login)
    {
        var found = Assert.Single((await lookup.FindAsync(Caller.Operator.Instance, login, CancellationToken.None)).Value);

        Assert.Equal("usr_client", found.Id);
        Assert.Equal(["org_a", "org_b"], found.OrganizationIds);
    }

    [Fact]
    public async Task An_administrator_sees_only_its_organizations_membership()
    {
        var administrator = SignedIn(User("usr_admin", Member("org_a", Role.Administrator)));

        var found = Assert.Single((await lookup.FindAsync(administrator, "usr_client", CancellationToken.None)).Value);

        Assert.Equal(["org_a"], found.OrganizationIds);
    }

    [Fact]
    public async Task An_administrator_of_another_organization_finds_nobody_as_if_the_name_were_free()
    {
        var administrator = SignedIn(User("usr_admin", Member("org_c", Role.Administrator)));

        Assert.Empty((await lookup.FindAsync(administrator, "usr_client", CancellationToken.None)).Value);
        Assert.Empty((await lookup.FindAsync(administrator, "nobody-holds-this", CancellationToken.None)).Value);
    }

    [Fact]
    public async Task A_supervisor_may_not_look_logins_up()
    {
        var supervisor = SignedIn(User("usr_boss", Supervisor("org_a", "unit_1")));

        Assert.Equal(ErrorCode.Forbidden, (await lookup.FindAsync(supervisor, "usr_client", CancellationToken.None)).Failure!.Code);
    }
}
