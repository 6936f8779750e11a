using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// Account merges and email release over HTTP (API.md "Administration and support"): one person with two accounts ends
/// with one; the old account keeps its email until an operator releases it.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AccountMergeTests(AppFixture fixture)
{
    private readonly Api api = fixture.Api;

    [Fact]
    public async Task A_merge_moves_the_memberships_and_the_source_is_deactivated_as_merged()
    {
        var (firstOrganization, _, source) = await api.CreateStaffAsync();
        var secondOrganization = await api.CreateOrganizationAsync();
        var target = await api.CreateUserAsync(secondOrganization, "client");

        var reply = await MergeAsync(source.Id, target.Id);

        reply.ShouldBe(HttpStatusCode.NoContent);
        var merged = await UserAsync(target.Id);
        Assert.Contains(merged.Json!["memberships"]!.AsArray(), m => m!["organizationId"]!.GetValue<string>() == firstOrganization);
        var old = await UserAsync(source.Id);
        Assert.Equal("merged", old.Json!["deactivation"]!["reason"]!.GetValue<string>());
        Assert.Equal(target.Id, old.Json!["mergedIntoUserId"]!.GetValue<string>());
        Assert.Empty(old.Json!["memberships"]!.AsArray());
    }

    [Fact]
    public async Task The_merged_account_cannot_sign_in_and_says_merged_while_the_target_signs_in_to_the_moved_organization()
    {
        var (_, _, source) = await api.CreateStaffAsync();
        var (_, _, target) = await api.CreateStaffAsync();
        await MergeAsync(source.Id, target.Id);

        var refused = await api.LoginAsync(source.Username);

        refused.ShouldBeError(HttpStatusCode.Forbidden, "account_deactivated");
        Assert.Equal("merged", refused.Details!["reason"]!.GetValue<string>());
        var granted = await api.LoginAsync(target.Username);
        granted.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, granted.Json!["user"]!["organizationIds"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_merged_account_cannot_be_reactivated()
    {
        var (_, _, source) = await api.CreateStaffAsync();
        var (_, _, target) = await api.CreateStaffAsync();
        await MergeAsync(source.Id, target.Id);

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/users/{source.Id}/reactivate", asOperator: true);

        reply.ShouldBeError(HttpStatusCode.Conflict, "invalid_state");
        Assert.Equal("merged", reply.Details!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_merged_account_keeps_its_email_until_it_is_released_then_a_new_account_can_use_it()
    {
        var (organizationId, _, source) = await api.CreateStaffAsync();
        var (_, _, target) = await api.CreateStaffAsync();
        await MergeAsync(source.Id, target.Id);
        var taken = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/users",
            new { username = Api.Unique("new"), displayName = "New", role = "client", email = source.Email }, asOperator: true);
        taken.ShouldBeError(HttpStatusCode.Conflict, "login_taken");

        var released = await api.SendAsync(HttpMethod.Post, $"/api/users/{source.Id}/release-email", new { email = source.Email.ToUpperInvariant() }, asOperator: true);

        released.ShouldBe(HttpStatusCode.NoContent);
        Assert.Null((await UserAsync(source.Id)).Json!["email"]);
        var created = await api.SendAsync(HttpMethod.Post, $"/api/organizations/{organizationId}/users",
            new { username = Api.Unique("new"), displayName = "New", role = "client", email = source.Email }, asOperator: true);
        created.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_email_of_an_active_account_cannot_be_released()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        var reply = await api.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/release-email", new { email = user.Email }, asOperator: true);

        reply.ShouldBeError(HttpStatusCode.Conflict, "invalid_state");
        Assert.Equal("not_deactivated", reply.Details!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Merging_twice_is_refused_as_already_merged()
    {
        var (_, _, source) = await api.CreateStaffAsync();
        var (_, _, target) = await api.CreateStaffAsync();
        await MergeAsync(source.Id, target.Id);

        var again = await MergeAsync(source.Id, target.Id);

        again.ShouldBeError(HttpStatusCode.Conflict, "invalid_state");
        Assert.Equal("already_merged", again.Details!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_account_cannot_be_merged_into_itself()
    {
        var (_, _, user) = await api.CreateStaffAsync();

        (await MergeAsync(user.Id, user.Id)).ShouldBeInvalidRequest("intoUserId");
    }

    [Fact]
    public async Task Only_an_operator_merges_or_releases()
    {
        var (organizationId, unitId, source) = await api.CreateStaffAsync();
        var target = await api.CreateUserAsync(organizationId, "employee", [unitId]);
        var administrator = await api.CreateUserAsync(organizationId, "administrator", [unitId]);
        var token = await api.TokenAsync(administrator.Username, "management");

        var merge = await api.SendAsync(HttpMethod.Post, $"/api/users/{source.Id}/merge", new { intoUserId = target.Id }, bearer: token);
        var release = await api.SendAsync(HttpMethod.Post, $"/api/users/{source.Id}/release-email", new { email = source.Email }, bearer: token);
        var anonymous = await api.SendAsync(HttpMethod.Post, $"/api/users/{source.Id}/merge", new { intoUserId = target.Id });

        merge.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        release.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        anonymous.ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
        (await api.LoginAsync(source.Username)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_merge_is_on_both_audit_trails()
    {
        var (_, _, source) = await api.CreateStaffAsync();
        var (_, _, target) = await api.CreateStaffAsync();

        await MergeAsync(source.Id, target.Id);

        Assert.Contains(await api.EventsAsync(source.Id), e => e!["action"]!.GetValue<string>() == "merged_into");
        Assert.Contains(await api.EventsAsync(target.Id), e => e!["action"]!.GetValue<string>() == "merged_from");
    }

    private Task<Reply> MergeAsync(string sourceId, string targetId) =>
        api.SendAsync(HttpMethod.Post, $"/api/users/{sourceId}/merge", new { intoUserId = targetId }, asOperator: true);

    private async Task<Reply> UserAsync(string userId) =>
        (await api.SendAsync(HttpMethod.Get, $"/api/users/{userId}", asOperator: true)).ShouldBe(HttpStatusCode.OK);
}
