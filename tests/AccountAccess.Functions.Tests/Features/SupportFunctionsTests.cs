using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// The support diagnosis over HTTP (API.md <c>GET /api/users/{userId}/diagnosis</c>): one test per blocker, several at
/// once, the same verdict as sign-in, French, and who may ask. Blockers that need other settings are diagnosed where an
/// app has them: an expired password and a timed lock in <see cref="SupportDiagnosisOverTimeTests"/>, suspicious activity
/// in <see cref="TwoFactorFunctionsTests"/>, access back after the billing reactivation delay in
/// <see cref="BillingReactivationTests"/>.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SupportFunctionsTests(AppFixture fixture)
{
    private readonly Api api = fixture.Api;

    [Fact]
    public async Task A_person_with_nothing_in_the_way_can_sign_in()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        var diagnosis = await api.DiagnoseAsync(user.Id);

        Assert.True(diagnosis["canSignIn"]!.GetValue<bool>());
        Assert.True(diagnosis["canResetPassword"]!.GetValue<bool>());
        Assert.Empty(diagnosis["blockers"]!.AsArray());
        Assert.Equal("employee", diagnosis["portal"]!.GetValue<string>());
    }

    [Fact]
    public async Task Too_many_wrong_passwords_show_the_lock_its_reason_its_date_and_who_can_lift_it()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 1 });
        (await api.LoginAsync(user.Username, "Wrong-Password-123")).ShouldBe(HttpStatusCode.Unauthorized);

        var blocker = Blockers.Single(await api.DiagnoseAsync(user.Id), "account_deactivated");

        Assert.Equal("sign_in", blocker["blocks"]!.GetValue<string>());
        Assert.Equal("too_many_attempts", blocker["details"]!["reason"]!.GetValue<string>());
        Assert.NotNull(blocker["since"]);
        Assert.Equal("ask_supervisor_to_reactivate", blocker["remedyCode"]!.GetValue<string>());
        Assert.Contains("supervisor", blocker["remedy"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manual_deactivation_says_what_sign_in_says()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/deactivate", asOperator: true);
        var login = await api.LoginAsync(user.Username);

        var diagnosis = await api.DiagnoseAsync(user.Id);

        Assert.False(diagnosis["canSignIn"]!.GetValue<bool>());
        var first = diagnosis["blockers"]!.AsArray()[0]!;
        Assert.Equal(login.ErrorCode, first["code"]!.GetValue<string>());
        Assert.Equal(login.Json!["error"]!["message"]!.GetValue<string>(), first["message"]!.GetValue<string>());
        Assert.Equal("manual", first["details"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_blocker_is_listed_not_only_the_first()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var manager = await api.CreateUserAsync(organizationId, "manager", [unitId], extra: new { departureDate = "2020-01-31" });
        await api.SendAsync(HttpMethod.Post, $"/api/users/{manager.Id}/deactivate", asOperator: true);

        var diagnosis = await api.DiagnoseAsync(manager.Id, "?portal=employee");

        var codes = diagnosis["blockers"]!.AsArray().Select(b => b!["code"]!.GetValue<string>()).ToList();
        Assert.Equal(["account_deactivated", "account_departed", "wrong_portal"], codes.Take(3));
        Assert.Equal("2020-01-31", Blockers.Single(diagnosis, "account_departed")["details"]!["departureDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_past_departure_date_shows_the_date_and_that_an_administrator_can_move_it()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var departed = await api.CreateUserAsync(organizationId, "employee", [unitId], extra: new { departureDate = "2020-01-31" });

        var diagnosis = await api.DiagnoseAsync(departed.Id);

        Assert.False(diagnosis["canSignIn"]!.GetValue<bool>());
        var blocker = Blockers.Single(diagnosis, "account_departed");
        Assert.Equal("2020-01-31", blocker["details"]!["departureDate"]!.GetValue<string>());
        Assert.Equal("ask_administrator_about_departure_date", blocker["remedyCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_wrong_portal_names_the_portal_to_use()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var manager = await api.CreateUserAsync(organizationId, "manager", [unitId]);

        var blocker = Blockers.Single(await api.DiagnoseAsync(manager.Id, "?portal=employee"), "wrong_portal");

        Assert.Equal("management", blocker["details"]!["expectedPortal"]!.GetValue<string>());
        Assert.Contains("Management Portal", blocker["remedy"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True((await api.DiagnoseAsync(manager.Id, "?portal=management"))["canSignIn"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_staff_member_without_unit_rights_has_no_organization_linked()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var employee = await api.CreateUserAsync(organizationId, "employee", []);

        var blocker = Blockers.Single(await api.DiagnoseAsync(employee.Id), "no_organization_linked");

        Assert.Equal("ask_administrator_for_unit_rights", blocker["remedyCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_revoked_client_is_told_only_the_organization_can_restore_it()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var client = await api.CreateUserAsync(organizationId, "client");
        await api.SendAsync(HttpMethod.Post, $"/api/users/{client.Id}/revoke-access", new { organizationId }, asOperator: true);

        var blocker = Blockers.Single(await api.DiagnoseAsync(client.Id), "access_revoked");

        Assert.NotNull(blocker["since"]);
        Assert.Equal("ask_organization_to_restore_access", blocker["remedyCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_billing_suspension_says_pay_the_invoices_then_when_access_returns()
    {
        var (organizationId, _, user) = await api.CreateStaffAsync();
        await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, "inv_1"));
        await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, "inv_2"));

        var suspended = Blockers.Single(await api.DiagnoseAsync(user.Id), "organization_suspended");
        await api.PostBillingEventAsync(Api.BillingEvent("invoice.paid", organizationId, "inv_1"));
        var paid = Blockers.Single(await api.DiagnoseAsync(user.Id), "organization_suspended");

        Assert.Equal("billing", suspended["details"]!["reason"]!.GetValue<string>());
        Assert.Equal("2", suspended["details"]!["unpaidInvoices"]!.GetValue<string>());
        Assert.Contains("24–48 h", suspended["remedy"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("wait_for_billing_reactivation", paid["remedyCode"]!.GetValue<string>());
        Assert.NotNull(paid["details"]!["reactivationDueAt"]);
    }

    [Fact]
    public async Task One_overdue_invoice_blocks_nothing()
    {
        var (organizationId, _, user) = await api.CreateStaffAsync();
        (await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, "inv_1"))).ShouldBe(HttpStatusCode.OK);

        var diagnosis = await api.DiagnoseAsync(user.Id);

        Assert.True(diagnosis["canSignIn"]!.GetValue<bool>());
        Assert.Empty(diagnosis["blockers"]!.AsArray());
    }

    [Fact]
    public async Task A_new_overdue_invoice_during_the_reactivation_delay_says_pay_the_invoices_again()
    {
        var (organizationId, _, user) = await api.CreateStaffAsync();
        await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, "inv_1"));
        await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, "inv_2"));
        await api.PostBillingEventAsync(Api.BillingEvent("invoice.paid", organizationId, "inv_1"));
        await api.PostBillingEventAsync(Api.BillingEvent("invoice.overdue", organizationId, "inv_3"));

        var blocker = Blockers.Single(await api.DiagnoseAsync(user.Id), "organization_suspended");

        Assert.Equal("pay_overdue_invoices", blocker["remedyCode"]!.GetValue<string>());
        Assert.Equal("2", blocker["details"]!["unpaidInvoices"]!.GetValue<string>());
        Assert.Null(blocker["details"]!["reactivationDueAt"]);
    }

    [Fact]
    public async Task An_organization_that_left_the_service_is_not_something_the_person_can_fix()
    {
        var (organizationId, _, user) = await api.CreateStaffAsync();
        await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/leave", asOperator: true);

        var blocker = Blockers.Single(await api.DiagnoseAsync(user.Id), "organization_suspended");

        Assert.Equal("left_service", blocker["details"]!["reason"]!.GetValue<string>());
        Assert.Equal("organization_left_service", blocker["remedyCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_user_created_without_a_password_is_pending_activation_and_cannot_sign_in()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var pending = await api.CreateUserAsync(organizationId, "employee", [unitId], password: null);

        var diagnosis = await api.DiagnoseAsync(pending.Id);

        Assert.False(diagnosis["canSignIn"]!.GetValue<bool>());
        var blocker = Blockers.Single(diagnosis, "pending_activation");
        Assert.Equal("send_welcome_kit", blocker["remedyCode"]!.GetValue<string>());
        Assert.Equal("none", blocker["details"]!["activationLink"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_temporary_password_is_a_step_at_the_next_sign_in_not_a_refusal()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/password", new { newPassword = "A-Temporary-Password-42" }, asOperator: true);

        var diagnosis = await api.DiagnoseAsync(user.Id);

        Assert.True(diagnosis["canSignIn"]!.GetValue<bool>());
        var blocker = Blockers.Single(diagnosis, "password_change_required");
        Assert.Equal("next_sign_in", blocker["blocks"]!.GetValue<string>());
        Assert.Equal("temporary", blocker["details"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_required_second_factor_not_set_up_is_a_step_at_the_next_sign_in()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { requireTwoFactor = true });

        var diagnosis = await api.DiagnoseAsync(user.Id);

        Assert.Equal("next_sign_in", Blockers.Single(diagnosis, "two_factor_enrollment_required")["blocks"]!.GetValue<string>());
        Assert.False(diagnosis["twoFactor"]!["enrolled"]!.GetValue<bool>());
        Assert.True(diagnosis["twoFactor"]!["requiredByPolicy"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_invisible_account_without_email_can_sign_in_but_cannot_reset_its_password_and_the_refusal_is_shown()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var user = await api.CreateUserAsync(organizationId, "employee", [unitId], extra: new { visible = false, email = (string?)null });
        await api.ForgotAndWaitAsync(user.Username, user.Id);

        var diagnosis = await api.DiagnoseAsync(user.Id);

        Assert.True(diagnosis["canSignIn"]!.GetValue<bool>());
        Assert.False(diagnosis["canResetPassword"]!.GetValue<bool>());
        Assert.Equal("password_reset", Blockers.Single(diagnosis, "invisible_account")["blocks"]!.GetValue<string>());
        Assert.Contains("employee file", Blockers.Single(diagnosis, "no_email")["remedy"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("invisible", Blockers.Single(diagnosis, "forgot_password_refused")["details"]!["reason"]!.GetValue<string>());
        Assert.False(diagnosis["lastForgotPassword"]!["sent"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_future_departure_date_blocks_forgot_password_only()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var user = await api.CreateUserAsync(organizationId, "employee", [unitId], extra: new { departureDate = "2099-12-31" });

        var diagnosis = await api.DiagnoseAsync(user.Id);

        Assert.True(diagnosis["canSignIn"]!.GetValue<bool>());
        Assert.Equal("administrator_sets_password", Blockers.Single(diagnosis, "departure_date_set")["remedyCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_forgot_password_refused_for_a_departure_date_says_an_administrator_sets_a_password()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var user = await api.CreateUserAsync(organizationId, "employee", [unitId], extra: new { departureDate = "2099-12-31" });
        await api.ForgotAndWaitAsync(user.Username, user.Id);

        var blocker = Blockers.Single(await api.DiagnoseAsync(user.Id), "forgot_password_refused");

        Assert.Equal("departed", blocker["details"]!["reason"]!.GetValue<string>());
        Assert.Equal("nothing", blocker["blocks"]!.GetValue<string>());
        Assert.NotNull(blocker["since"]);
        Assert.Equal("administrator_sets_password", blocker["remedyCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_forgot_password_refused_for_want_of_an_email_says_add_one_in_the_employee_file()
    {
        var (organizationId, unitId, _) = await api.CreateStaffAsync();
        var user = await api.CreateUserAsync(organizationId, "employee", [unitId], extra: new { email = (string?)null });
        await api.ForgotAndWaitAsync(user.Username, user.Id);

        var blocker = Blockers.Single(await api.DiagnoseAsync(user.Id), "forgot_password_refused");

        Assert.Equal("no_email", blocker["details"]!["reason"]!.GetValue<string>());
        Assert.Equal("add_email_in_employee_file", blocker["remedyCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_forgot_password_refused_for_a_merged_account_names_the_account_to_use()
    {
        var (_, _, source) = await api.CreateStaffAsync();
        var (_, _, target) = await api.CreateStaffAsync();
        (await api.SendAsync(HttpMethod.Post, $"/api/users/{source.Id}/merge", new { intoUserId = target.Id }, asOperator: true)).ShouldBe(HttpStatusCode.NoContent);
        await api.ForgotAndWaitAsync(source.Username, source.Id);

        var blocker = Blockers.Single(await api.DiagnoseAsync(source.Id), "forgot_password_refused");

        Assert.Equal("merged", blocker["details"]!["reason"]!.GetValue<string>());
        Assert.Equal("sign_in_with_merged_account", blocker["remedyCode"]!.GetValue<string>());
        Assert.Contains(target.Username, blocker["remedy"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recent_wrong_passwords_warn_how_many_remain_before_the_lock()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        await api.LoginAsync(user.Username, "Wrong-Password-123");
        await api.LoginAsync(user.Username, "Wrong-Password-123");

        var blocker = Blockers.Single(await api.DiagnoseAsync(user.Id), "recent_failed_attempts");

        Assert.Equal("nothing", blocker["blocks"]!.GetValue<string>());
        Assert.Equal("2", blocker["details"]!["count"]!.GetValue<string>());
        Assert.Equal("4", blocker["details"]!["remaining"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_merged_account_points_to_the_account_to_use()
    {
        var (_, _, source) = await api.CreateStaffAsync();
        var (_, _, target) = await api.CreateStaffAsync();
        await api.SendAsync(HttpMethod.Post, $"/api/users/{source.Id}/merge", new { intoUserId = target.Id }, asOperator: true);

        var diagnosis = await api.DiagnoseAsync(source.Id);

        var blocker = Assert.Single(diagnosis["blockers"]!.AsArray())!;
        Assert.Equal("account_deactivated", blocker["code"]!.GetValue<string>());
        Assert.Equal("merged", blocker["details"]!["reason"]!.GetValue<string>());
        Assert.Contains(target.Username, blocker["remedy"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_older_than_the_minimum_version_needs_an_update()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { minimumAppVersion = "2.0" });

        var blocker = Blockers.Single(await api.DiagnoseAsync(user.Id, "?appVersion=1.9"), "app_update_required");

        Assert.Contains("2.0", blocker["remedy"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_diagnosis_speaks_french_when_asked()
    {
        var (_, _, user) = await api.CreateStaffAsync();
        await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/deactivate", asOperator: true);

        var diagnosis = await api.DiagnoseAsync(user.Id, language: "fr");

        var blocker = diagnosis["blockers"]!.AsArray()[0]!;
        Assert.Equal("account_deactivated", blocker["code"]!.GetValue<string>());
        Assert.Contains("superviseur", blocker["remedy"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_diagnosis_shows_the_recent_audit_trail()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        var diagnosis = await api.DiagnoseAsync(user.Id);

        Assert.Contains(diagnosis["events"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "user_created");
    }

    [Fact]
    public async Task A_supervisor_may_diagnose_users_sharing_a_unit_only()
    {
        var (organizationId, unitId, employee) = await api.CreateStaffAsync();
        var otherUnit = await api.CreateUnitAsync(organizationId);
        var elsewhere = await api.CreateUserAsync(organizationId, "employee", [otherUnit]);
        var supervisor = await api.CreateUserAsync(organizationId, "manager", [unitId], permissions: ["user_management"]);
        var token = await api.TokenAsync(supervisor.Username, "management");

        (await api.SendAsync(HttpMethod.Get, $"/api/users/{employee.Id}/diagnosis", bearer: token)).ShouldBe(HttpStatusCode.OK);
        (await api.SendAsync(HttpMethod.Get, $"/api/users/{elsewhere.Id}/diagnosis", bearer: token)).ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task An_employee_may_not_diagnose_a_colleague_and_nobody_anonymously()
    {
        var (organizationId, unitId, employee) = await api.CreateStaffAsync();
        var colleague = await api.CreateUserAsync(organizationId, "employee", [unitId]);
        var token = await api.TokenAsync(colleague.Username, "employee");

        (await api.SendAsync(HttpMethod.Get, $"/api/users/{employee.Id}/diagnosis", bearer: token)).ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        (await api.SendAsync(HttpMethod.Get, $"/api/users/{employee.Id}/diagnosis")).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("?portal=kiosk", "portal")]
    [InlineData("?appVersion=banana", "appVersion")]
    public async Task A_bad_query_value_is_invalid_request_naming_it(string query, string field)
    {
        var (_, _, user) = await api.CreateStaffAsync();

        (await api.SendAsync(HttpMethod.Get, $"/api/users/{user.Id}/diagnosis{query}", asOperator: true)).ShouldBeInvalidRequest(field);
    }
}
