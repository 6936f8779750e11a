using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;
using AccountAccess.Storage;
using Azure;
using Azure.Data.Tables;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// A rebuild of every organization's member index (POST /api/member-index/rebuilds without a body), on an app of its own:
/// it reads every account of its storage, which on the shared Azurite would be every test's.
/// </summary>
public sealed class MemberIndexRebuildOfAllTests(MemberIndexRebuildOfAllTests.RebuildApp app) : IClassFixture<MemberIndexRebuildOfAllTests.RebuildApp>
{
    private readonly Api api = app.Api;

    public sealed class RebuildApp : IsolatedApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();
    }

    [Fact]
    public async Task Without_a_body_the_members_of_every_organization_are_found_again_and_each_organization_trail_says_so()
    {
        var first = await api.CreateOrganizationAsync();
        var second = await api.CreateOrganizationAsync();
        var inFirst = await api.CreateUserAsync(first);
        var inSecond = await api.CreateUserAsync(second);
        await ForgetIndexAsync();

        var started = await api.SendAsync(HttpMethod.Post, "/api/member-index/rebuilds", asOperator: true);

        started.ShouldBe(HttpStatusCode.Accepted);
        Assert.Equal("all", started.Json!["id"]!.GetValue<string>());
        await Eventually.TrueAsync(async () =>
            (await api.SendAsync(HttpMethod.Get, "/api/workflows/MemberIndexRebuild/all", asOperator: true)).Json?["status"]?.GetValue<string>() == "completed",
            TimeSpan.FromMinutes(2));
        Assert.Equal([inFirst.Id], await MemberIdsAsync(first));
        Assert.Equal([inSecond.Id], await MemberIdsAsync(second));
        foreach (var organizationId in new[] { first, second })
        {
            var events = (await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}/events", asOperator: true)).Json!["events"]!.AsArray();
            var rebuilt = Assert.Single(events, e => e!["action"]!.GetValue<string>() == "member_index_rebuilt");
            Assert.Equal("1", rebuilt!["details"]!["written"]!.GetValue<string>());
        }
    }

    private async Task ForgetIndexAsync()
    {
        var members = new TableClient(app.ConnectionString, StorageTables.Members);
        await foreach (var row in members.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            await members.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All);
        }
    }

    private async Task<IReadOnlyList<string>> MemberIdsAsync(string organizationId)
    {
        var reply = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}/members", asOperator: true);
        reply.ShouldBe(HttpStatusCode.OK);
        return reply.Json!["members"]!.AsArray().Select(m => m!["userId"]!.GetValue<string>()).ToList();
    }
}
