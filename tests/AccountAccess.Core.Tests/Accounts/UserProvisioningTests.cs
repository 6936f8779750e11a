using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Passwords.Rotation;
using AccountAccess.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Accounts;

public class UserProvisioningTests
{
    private const string Password = "violet-harbour-42";

    private static readonly PasswordHashing Hashing = new(1000);

    private readonly FakeTimeProvider time = new(Start);
    private readonly InMemoryUserStore users = new();
    private readonly InMemoryOrganizationStore organizations = new();
    private readonly UserProvisioning provisioning;

    private readonly Caller.Operator theOperator = Caller.Operator.Instance;
    private readonly Caller.SignedInUser administrator;
    private readonly Caller.SignedInUser administratorElsewhere;
    private readonly Caller.SignedInUser supervisor;

    private InMemoryPasswordRotations Rotations()
    {
        var updater = new UserUpdater(users, time);
        var rotation = new PasswordRotation(users, organizations, updater, new RecordingEmailSender(), new PasswordSettings(), time);
        return new InMemoryPasswordRotations(() => rotation, time);
    }

    public UserProvisioningTests()
    {
        provisioning = new UserProvisioning(users, organizations, new UserUpdater(users, time), Hashing, Rotations(), time);
        organizations.Add(Organization("org_a"));
        organizations.Add(Organization("org_b"));
        organizations.AddUnit("org_a", "unit_1");
        organizations.AddUnit("org_a", "unit_2");
        organizations.AddUnit("org_b", "unit_b");
        administrator = SignedIn(users.Add(User("usr_admin", Member("org_a", Role.Administrator))).Value);
        administratorElsewhere = SignedIn(users.Add(User("usr_other_admin", Member("org_b", Role.Administrator))).Value);
        supervisor = SignedIn(users.Add(User("usr_boss", Supervisor("org_a", "unit_1"))).Value);
        users.Add(User("usr_jean", Member("org_a", Role.Employee, "unit_1")) with
        {
            Email = "jean@example.com",
            SecondaryEmails = ["jean@home.example"],
            Phone = "+15145550100",
            DepartureDate = new DateOnly(2026, 12, 31),
        });
    }

    private static NewUser Employee(string username = "marie", string? email = "marie@example.com", string? password = Password) =>
        new(username, "Marie Curie", Role.Employee, Email: email, UnitIds: ["unit_1"], Password: password);

    private Task<Result<User>> CreateAsync(NewUser request, Caller? caller = null, string organizationId = "org_a")
    {
        caller ??= theOperator;
        return provisioning.CreateAsync(caller, organizationId, request, ContextOf(caller), CancellationToken.None);
    }

    private Task<Result<User>> PatchAsync(UserPatch patch, Caller? caller = null, string userId = "usr_jean")
    {
        caller ??= theOperator;
        return provisioning.UpdateAsync(caller, userId, patch, ContextOf(caller), CancellationToken.None);
    }

    // --- creating users

    [Fact]
    public async Task A_user_created_with_a_password_is_active()
    {
        var result = await CreateAsync(Employee());

        Assert.True(result.Succeeded);
        var created = users[result.Value.Id];
        Assert.Equal(AccountStatus.Active, created.StatusAt(Start));
        Assert.Equal(PasswordCheck.Correct, Hashing.Verify(created.Password!.Hash, Password));
        Assert.Equal(new StoredPassword(created.Password.Hash, Start, Temporary: false), created.Password);
    }

    [Fact]
    public async Task A_user_created_without_a_password_is_pending_activation()
    {
        var result = await CreateAsync(Employee(password: null));

        Assert.Equal(AccountStatus.PendingActivation, users[result.Value.Id].StatusAt(Start));
        Assert.Null(users[result.Value.Id].Password);
    }

    [Fact]
    public async Task The_created_user_can_be_found_by_username_and_email()
    {
        var created = (await CreateAsync(Employee())).Value;

        Assert.Equal(created.Id, await users.FindUserIdByLoginAsync("marie", CancellationToken.None));
        Assert.Equal(created.Id, await users.FindUserIdByLoginAsync("marie@example.com", CancellationToken.None));
    }

    [Fact]
    public async Task The_created_user_is_a_member_with_the_role_and_units_asked_for()
    {
        var created = (await CreateAsync(Employee() with { UnitIds = ["unit_1", "unit_2", "unit_1"] })).Value;

        var membership = Assert.Single(created.Memberships);
        Assert.Equal("org_a", membership.OrganizationId);
        Assert.Equal(Role.Employee, membership.Role);
        Assert.Equal(["unit_1", "unit_2"], membership.UnitIds);
        Assert.Empty(membership.Permissions);
        Assert.Equal(Start, membership.JoinedAt);
        Assert.False(membership.AccessRevoked);
    }

    [Fact]
    public async Task Creating_a_user_writes_an_audit_event()
    {
        var created = (await CreateAsync(Employee(), administrator)).Value;

        var createdEvent = Assert.Single(users.EventsOf(created.Id));
        Assert.Equal(AuditAction.UserCreated, createdEvent.Action);
        Assert.Equal(Actor.ForUser("usr_admin"), createdEvent.Actor);
        Assert.Equal("198.51.100.20", createdEvent.Ip);
        Assert.Equal("employee", createdEvent.Details!["role"]);
        Assert.Equal("org_a", createdEvent.Details["organizationId"]);
    }

    [Fact]
    public async Task The_created_user_never_holds_the_password_itself()
    {
        var created = (await CreateAsync(Employee())).Value;

        Assert.DoesNotContain(Password, created.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_creates_users_in_their_organization()
    {
        Assert.True((await CreateAsync(Employee(), administrator)).Succeeded);
    }

    [Fact]
    public async Task An_administrator_of_another_organization_may_not_create_users_there()
    {
        var result = await CreateAsync(Employee(), administratorElsewhere);

        Assert.Equal(ErrorCode.Forbidden, result.Failure?.Code);
        Assert.Null(await users.FindUserIdByLoginAsync("marie", CancellationToken.None));
    }

    [Fact]
    public async Task A_supervisor_may_not_create_users()
    {
        Assert.Equal(ErrorCode.Forbidden, (await CreateAsync(Employee(), supervisor)).Failure?.Code);
    }

    [Fact]
    public async Task Creating_a_user_in_an_unknown_organization_is_not_found()
    {
        Assert.Equal(ErrorCode.NotFound, (await CreateAsync(Employee(), organizationId: "org_nowhere")).Failure?.Code);
    }

    [Fact]
    public async Task A_taken_username_is_refused_as_login_taken()
    {
        var result = await CreateAsync(Employee(username: "usr_jean"));

        Assert.Equal(ErrorCode.LoginTaken, result.Failure?.Code);
        Assert.Equal("username", result.Failure!.Details["field"]);
    }

    [Fact]
    public async Task A_username_taken_in_another_case_or_width_is_refused()
    {
        var result = await CreateAsync(Employee(username: "ＵＳＲ_ＪＥＡＮ"));

        Assert.Equal(ErrorCode.LoginTaken, result.Failure?.Code);
    }

    [Fact]
    public async Task A_taken_email_is_refused_as_login_taken()
    {
        var result = await CreateAsync(Employee(email: "JEAN@example.com"));

        Assert.Equal(ErrorCode.LoginTaken, result.Failure?.Code);
        Assert.Equal("email", result.Failure!.Details["field"]);
    }

    [Fact]
    public async Task An_email_held_as_someone_elses_secondary_email_is_taken()
    {
        var result = await CreateAsync(Employee(email: "jean@home.example"));

        Assert.Equal(ErrorCode.LoginTaken, result.Failure?.Code);
        Assert.Equal("email", result.Failure!.Details["field"]);
    }

    [Fact]
    public async Task A_taken_secondary_email_is_refused_as_login_taken()
    {
        var result = await CreateAsync(Employee() with { SecondaryEmails = ["jean@example.com"] });

        Assert.Equal(ErrorCode.LoginTaken, result.Failure?.Code);
        Assert.Equal("secondaryEmails", result.Failure!.Details["field"]);
    }

    [Fact]
    public async Task A_refused_creation_leaves_no_trace()
    {
        await CreateAsync(Employee(username: "usr_jean", email: "fresh@example.com"));

        Assert.Null(await users.FindUserIdByLoginAsync("fresh@example.com", CancellationToken.None));
    }

    [Fact]
    public async Task Units_of_another_organization_are_refused()
    {
        var result = await CreateAsync(Employee() with { UnitIds = ["unit_b"] });

        Assert.Equal(ErrorCode.InvalidRequest, result.Failure?.Code);
        Assert.Equal("unitIds", result.Failure!.Details["field"]);
    }

    [Fact]
    public async Task Unknown_units_are_refused()
    {
        var result = await CreateAsync(Employee() with { UnitIds = ["unit_1", "unit_nowhere"] });

        Assert.Equal("unitIds", result.Failure?.Details["field"]);
    }

    [Fact]
    public async Task Clients_are_given_no_permissions()
    {
        var client = new NewUser("client1", "A Client", Role.Client, Permissions: [Permission.Billing]);

        var result = await CreateAsync(client);

        Assert.Equal(ErrorCode.InvalidRequest, result.Failure?.Code);
        Assert.Equal("permissions", result.Failure!.Details["field"]);
    }

    [Fact]
    public async Task A_manager_may_be_given_user_management()
    {
        var manager = new NewUser("boss2", "A Manager", Role.Manager, UnitIds: ["unit_1"], Permissions: [Permission.UserManagement]);

        var created = (await CreateAsync(manager)).Value;

        Assert.Equal([Permission.UserManagement], created.Memberships[0].Permissions);
    }

    [Fact]
    public async Task A_password_against_the_policy_is_refused()
    {
        var result = await CreateAsync(Employee(password: "tiny-9q"));

        Assert.Equal(ErrorCode.PasswordPolicy, result.Failure?.Code);
        Assert.Equal(["too_short"], (string[])result.Failure!.Details["violations"]!);
    }

    [Fact]
    public async Task A_username_with_spaces_is_refused()
    {
        Assert.Equal("username", (await CreateAsync(Employee(username: "marie curie"))).Failure?.Details["field"]);
    }

    [Fact]
    public async Task A_phone_not_in_e164_is_refused()
    {
        Assert.Equal("phone", (await CreateAsync(Employee() with { Phone = "514-555-0100" })).Failure?.Details["field"]);
    }

    // --- adding a member

    [Fact]
    public async Task A_client_of_one_organization_is_added_to_a_second()
    {
        var client = (await CreateAsync(new NewUser("client1", "A Client", Role.Client))).Value;

        var result = await provisioning.AddMemberAsync(theOperator, "org_b", client.Id, Role.Client, [], [], ContextOf(theOperator), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(["org_a", "org_b"], users[client.Id].Memberships.Select(m => m.OrganizationId));
        Assert.Equal(AuditAction.MembershipAdded, users.EventsOf(client.Id)[0].Action);
    }

    [Fact]
    public async Task Adding_a_member_twice_is_refused()
    {
        var result = await provisioning.AddMemberAsync(theOperator, "org_a", "usr_jean", Role.Employee, ["unit_1"], [], ContextOf(theOperator), CancellationToken.None);

        Assert.Equal(ErrorCode.InvalidState, result.Failure?.Code);
        Assert.Equal("already_member", result.Failure!.Details["reason"]);
    }

    [Fact]
    public async Task An_administrator_may_not_add_members()
    {
        var result = await provisioning.AddMemberAsync(administrator, "org_a", "usr_other_admin", Role.Client, [], [], ContextOf(administrator), CancellationToken.None);

        Assert.Equal(ErrorCode.Forbidden, result.Failure?.Code);
    }

    [Fact]
    public async Task Adding_an_unknown_user_names_the_field()
    {
        var result = await provisioning.AddMemberAsync(theOperator, "org_b", "usr_nobody", Role.Client, [], [], ContextOf(theOperator), CancellationToken.None);

        Assert.Equal(ErrorCode.InvalidRequest, result.Failure?.Code);
        Assert.Equal("userId", result.Failure!.Details["field"]);
    }

    // --- editing (PATCH)

    [Fact]
    public async Task An_absent_field_is_left_as_it_is()
    {
        var result = await PatchAsync(new UserPatch { DisplayName = "Jean D." });

        Assert.True(result.Succeeded);
        Assert.Equal("Jean D.", users["usr_jean"].DisplayName);
        Assert.Equal("+15145550100", users["usr_jean"].Phone);
        Assert.Equal("jean@example.com", users["usr_jean"].Email);
        Assert.Equal(new DateOnly(2026, 12, 31), users["usr_jean"].DepartureDate);
    }

    [Fact]
    public async Task A_field_present_with_null_is_cleared()
    {
        await PatchAsync(new UserPatch { Phone = new Optional<string?>(true, null), DepartureDate = new Optional<DateOnly?>(true, null) });

        Assert.Null(users["usr_jean"].Phone);
        Assert.Null(users["usr_jean"].DepartureDate);
        Assert.Equal("User usr_jean", users["usr_jean"].DisplayName);
    }

    [Fact]
    public async Task A_field_present_with_a_value_is_set()
    {
        await PatchAsync(new UserPatch { Phone = "+33612345678", Visible = false });

        Assert.Equal("+33612345678", users["usr_jean"].Phone);
        Assert.False(users["usr_jean"].Visible);
    }

    [Fact]
    public async Task An_edit_writes_an_event_naming_the_changed_fields()
    {
        await PatchAsync(new UserPatch { Phone = new Optional<string?>(true, null), Visible = false, DisplayName = "User usr_jean" });

        var updated = Assert.Single(users.EventsOf("usr_jean"));
        Assert.Equal(AuditAction.UserUpdated, updated.Action);
        Assert.Equal("phone,visible", updated.Details!["fields"]);
    }

    [Fact]
    public async Task An_edit_that_changes_nothing_saves_nothing()
    {
        var result = await PatchAsync(new UserPatch { DisplayName = "User usr_jean" });

        Assert.True(result.Succeeded);
        Assert.Equal(0, users.SaveCount);
        Assert.Empty(users.EventsOf("usr_jean"));
    }

    [Fact]
    public async Task Changing_the_email_moves_the_login()
    {
        await PatchAsync(new UserPatch { Email = "jean.dupont@example.com" });

        Assert.Null(await users.FindUserIdByLoginAsync("jean@example.com", CancellationToken.None));
        Assert.Equal("usr_jean", await users.FindUserIdByLoginAsync("jean.dupont@example.com", CancellationToken.None));
    }

    private ResetLink GivePendingLink(ResetLinkPurpose purpose = ResetLinkPurpose.Reset)
    {
        var link = new ResetLink("lnk_" + purpose.ToString().ToLowerInvariant(), "hash", purpose, Start, Start.AddHours(24));
        users.Add(users["usr_jean"] with { ResetLinks = [link] });
        return link;
    }

    [Theory]
    [InlineData("jean.dupont@example.com")]
    [InlineData(null)]
    public async Task Changing_or_clearing_the_main_email_ends_the_links_sent_to_the_old_one(string? email)
    {
        var link = GivePendingLink();
        time.Advance(TimeSpan.FromMinutes(5));

        await PatchAsync(new UserPatch { Email = email });

        var stored = Assert.Single(users["usr_jean"].ResetLinks);
        Assert.False(stored.IsPendingAt(time.GetUtcNow()));
        Assert.Equal(time.GetUtcNow(), stored.SupersededAt);
        Assert.Equal(ResetLinkSupersededBy.EmailChange, stored.SupersededBy);
        var superseded = Assert.Single(users.EventsOf("usr_jean"), e => e.Action == AuditAction.ResetLinkSuperseded);
        Assert.Equal("email_changed", superseded.Reason);
        Assert.Equal(link.LinkId, superseded.Details!["linkId"]);
        Assert.Contains(users.EventsOf("usr_jean"), e => e.Action == AuditAction.UserUpdated);
    }

    [Fact]
    public async Task A_pending_activation_link_ends_too_when_a_misspelt_email_is_corrected()
    {
        GivePendingLink(ResetLinkPurpose.Activation);

        await PatchAsync(new UserPatch { Email = "jean.corrected@example.com" });

        Assert.Equal(ResetLinkSupersededBy.EmailChange, Assert.Single(users["usr_jean"].ResetLinks).SupersededBy);
    }

    [Theory]
    [InlineData("JEAN@example.com")]
    [InlineData(null)]
    public async Task Other_changes_and_a_change_of_case_leave_the_links_working(string? email)
    {
        GivePendingLink();

        await PatchAsync(email is null ? new UserPatch { DisplayName = "Jean D.", SecondaryEmails = new List<string>() } : new UserPatch { Email = email });

        Assert.True(Assert.Single(users["usr_jean"].ResetLinks).IsPendingAt(time.GetUtcNow()));
        Assert.DoesNotContain(users.EventsOf("usr_jean"), e => e.Action == AuditAction.ResetLinkSuperseded);
    }

    [Fact]
    public async Task Changing_the_email_to_one_held_by_another_account_is_login_taken()
    {
        var result = await PatchAsync(new UserPatch { Email = "USR_ADMIN@example.com" });

        Assert.Equal(ErrorCode.LoginTaken, result.Failure?.Code);
        Assert.Equal("email", result.Failure!.Details["field"]);
        Assert.Equal("jean@example.com", users["usr_jean"].Email);
    }

    [Fact]
    public async Task A_bad_email_in_a_patch_is_refused()
    {
        var result = await PatchAsync(new UserPatch { Email = "not-an-email" });

        Assert.Equal("email", result.Failure?.Details["field"]);
    }

    [Fact]
    public async Task Units_can_be_changed_for_a_single_membership()
    {
        await PatchAsync(new UserPatch { UnitIds = new List<string> { "unit_2" } });

        Assert.Equal(["unit_2"], users["usr_jean"].Memberships[0].UnitIds);
    }

    [Fact]
    public async Task Units_in_a_patch_must_exist_in_the_organization()
    {
        var result = await PatchAsync(new UserPatch { UnitIds = new List<string> { "unit_b" } });

        Assert.Equal("unitIds", result.Failure?.Details["field"]);
        Assert.Equal(["unit_1"], users["usr_jean"].Memberships[0].UnitIds);
    }

    [Fact]
    public async Task A_client_cannot_be_given_permissions_by_a_patch()
    {
        users.Add(User("usr_client", Member("org_a", Role.Client)));

        var result = await PatchAsync(new UserPatch { Permissions = new List<Permission> { Permission.Billing } }, userId: "usr_client");

        Assert.Equal("permissions", result.Failure?.Details["field"]);
    }

    [Fact]
    public async Task An_administrator_edits_a_member_of_their_organization()
    {
        Assert.True((await PatchAsync(new UserPatch { DisplayName = "Jean D." }, administrator)).Succeeded);
    }

    [Fact]
    public async Task An_administrator_of_another_organization_may_not_edit()
    {
        var result = await PatchAsync(new UserPatch { DisplayName = "Hacked" }, administratorElsewhere);

        Assert.Equal(ErrorCode.Forbidden, result.Failure?.Code);
        Assert.Equal("User usr_jean", users["usr_jean"].DisplayName);
    }

    [Fact]
    public async Task A_supervisor_may_not_edit()
    {
        Assert.Equal(ErrorCode.Forbidden, (await PatchAsync(new UserPatch { DisplayName = "Jean D." }, supervisor)).Failure?.Code);
    }

    [Fact]
    public async Task Editing_an_unknown_user_is_not_found_for_an_operator_and_forbidden_for_others()
    {
        var patch = new UserPatch { DisplayName = "Nobody" };

        Assert.Equal(ErrorCode.NotFound, (await PatchAsync(patch, theOperator, "usr_nobody")).Failure?.Code);
        Assert.Equal(ErrorCode.Forbidden, (await PatchAsync(patch, administrator, "usr_nobody")).Failure?.Code);
    }
}
