using System.Net;
using System.Text.Json.Nodes;
using AccountAccess.Functions.Tests.Infrastructure;
using AccountAccess.Storage;
using AccountAccess.Testing;
using Azure;
using Azure.Data.Tables;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// Rebuilding the member index over HTTP (POST /api/member-index/rebuilds, docs/operator.md "Rebuilding the member
/// index"): members saved before the index existed are found once the operator's rebuild — a durable orchestration paging
/// through the accounts — has run; it can run again with nothing to do; it is the operator's alone; it is on the trail.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class MemberIndexRebuildTests(AppFixture fixture)
{
    private readonly Api api = fixture.Api;

    [Fact]
    public async Task A_member_saved_before_the_index_existed_is_found_once_the_operator_rebuilt_its_organization()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var family = Api.Unique("Bélanger");
        var employee = await api.CreateUserAsync(organizationId, extra: new { displayName = "Zoé " + family });
        await ForgetIndexAsync(organizationId);
        Assert.Empty(await MembersAsync(organizationId, $"?q={family[..10]}"));

        var started = await api.SendAsync(HttpMethod.Post, "/api/member-index/rebuilds", new { organizationId }, asOperator: true);

        started.ShouldBe(HttpStatusCode.Accepted);
        Assert.Equal(organizationId, started.Json!["id"]!.GetValue<string>());
        Assert.Equal($"/api/workflows/MemberIndexRebuild/{organizationId}", started.Headers["Location"]);
        var workflow = await CompletedAsync(organizationId);
        Assert.Equal(("rebuilt", "done"), (workflow["outcome"]!.GetValue<string>(), workflow["customStatus"]!["step"]!.GetValue<string>()));
        Assert.Equal([employee.Id], Ids(await MembersAsync(organizationId, $"?q={family[..10]}")));
        Assert.Equal([employee.Id], Ids(await MembersAsync(organizationId, "?role=employee")));
    }

    [Fact]
    public async Task A_second_rebuild_finds_every_entry_whole_and_writes_nothing()
    {
        var organizationId = await api.CreateOrganizationAsync();
        await api.CreateUserAsync(organizationId);
        await ForgetIndexAsync(organizationId);
        await RebuildAsync(organizationId);

        await RebuildAsync(organizationId);

        var rebuilt = (await OrganizationEventsAsync(organizationId)).Where(e => e!["action"]!.GetValue<string>() == "member_index_rebuilt")
            .Select(e => e!["details"]!).ToList();
        Assert.Equal(2, rebuilt.Count);
        Assert.Equal(("0", "0", "1"), Counts(rebuilt[0]));
        Assert.Equal(("1", "0", "0"), Counts(rebuilt[1]));
    }

    [Fact]
    public async Task The_request_and_the_outcome_are_on_the_organizations_trail()
    {
        var organizationId = await api.CreateOrganizationAsync();

        await RebuildAsync(organizationId);

        var actions = (await OrganizationEventsAsync(organizationId)).Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["member_index_rebuilt", "member_index_rebuild_requested"], actions.Take(2));
    }

    [Fact]
    public async Task An_administrator_cannot_rebuild_the_index_whatever_its_body()
    {
        var (organizationId, _, administrator) = await api.CreateStaffAsync(role: "administrator");
        var token = await api.TokenAsync(administrator.Username, "management");

        var own = await api.SendAsync(HttpMethod.Post, "/api/member-index/rebuilds", new { organizationId }, bearer: token);
        var all = await api.SendAsync(HttpMethod.Post, "/api/member-index/rebuilds", new { }, bearer: token);

        own.ShouldBeError(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(own.Body, all.Body);
    }

    [Fact]
    public async Task A_rebuild_of_an_organization_that_does_not_exist_is_a_404()
    {
        (await api.SendAsync(HttpMethod.Post, "/api/member-index/rebuilds", new { organizationId = "org_nosuch" }, asOperator: true))
            .ShouldBeError(HttpStatusCode.NotFound, "not_found");
    }

    private async Task RebuildAsync(string organizationId)
    {
        (await api.SendAsync(HttpMethod.Post, "/api/member-index/rebuilds", new { organizationId }, asOperator: true)).ShouldBe(HttpStatusCode.Accepted);
        await CompletedAsync(organizationId);
    }

    private async Task<JsonNode> CompletedAsync(string organizationId)
    {
        JsonNode? completed = null;
        await Eventually.TrueAsync(async () =>
        {
            var workflow = await api.SendAsync(HttpMethod.Get, $"/api/workflows/MemberIndexRebuild/{organizationId}", asOperator: true);
            Assert.NotEqual("failed", workflow.Json?["status"]?.GetValue<string>());
            completed = workflow.Json?["status"]?.GetValue<string>() == "completed" ? workflow.Json : null;
            return completed is not null;
        }, TimeSpan.FromMinutes(2));
        return completed!;
    }

    /// <summary>The organization's index as before member search: no row of its members in <c>Members</c>.</summary>
    private static async Task ForgetIndexAsync(string organizationId)
    {
        var members = new TableClient((await AzuriteServer.SharedAsync()).ConnectionString, StorageTables.Members);
        await foreach (var row in members.QueryAsync<TableEntity>(r => r.PartitionKey == organizationId, select: ["PartitionKey", "RowKey"]))
        {
            await members.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All);
        }
    }

    private async Task<JsonArray> MembersAsync(string organizationId, string query)
    {
        var reply = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}/members{query}", asOperator: true);
        reply.ShouldBe(HttpStatusCode.OK);
        return reply.Json!["members"]!.AsArray();
    }

    private async Task<JsonArray> OrganizationEventsAsync(string organizationId)
    {
        var reply = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}/events", asOperator: true);
        reply.ShouldBe(HttpStatusCode.OK);
        return reply.Json!["events"]!.AsArray();
    }

    private static (string Written, string Rekeyed, string Unchanged) Counts(JsonNode details) =>
        (details["written"]!.GetValue<string>(), details["rekeyed"]!.GetValue<string>(), details["unchanged"]!.GetValue<string>());

    private static IEnumerable<string> Ids(JsonArray members) => members.Select(m => m!["userId"]!.GetValue<string>());
}
