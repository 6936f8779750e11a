using System.Collections.Concurrent;
using System.Globalization;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Members;
using AccountAccess.Functions.Orchestrations.MemberIndexRebuilds;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace AccountAccess.Functions.Tests.Orchestrations.MemberIndexRebuilds;

/// <summary>
/// The member-index rebuild on the in-memory Durable Task test host (no storage), with scripted pages: it follows the
/// continuation tokens to the last page across its runs (<c>ContinueAsNew</c> every <see cref="MemberIndexRebuildOrchestrator.PagesPerRun"/>
/// pages), retries a page that failed, and records once, at the end, the totals of every page.
/// </summary>
public sealed class MemberIndexRebuildOrchestratorTests(MemberIndexRebuildOrchestratorTests.TestHost host) : IClassFixture<MemberIndexRebuildOrchestratorTests.TestHost>
{
    [Fact]
    public async Task Pages_are_followed_across_runs_to_the_last_and_the_totals_recorded_once()
    {
        var organizationId = "org_" + Guid.NewGuid().ToString("N")[..12];
        var pages = MemberIndexRebuildOrchestrator.PagesPerRun * 2 + 5;
        host.Script(organizationId, pages, failOnPage: 3);
        var request = new MemberIndexRebuildRequest(organizationId, new RequestContext(Actor.Operator, null), DateTimeOffset.UtcNow);

        var done = await host.Client.RunAsync(MemberIndexRebuildOrchestrator.Name, DurableMemberIndexWorkflows.InstancePrefix + organizationId, MemberIndexRebuildProgress.Start(request));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(MemberIndexRebuildOrchestrator.Rebuilt, done.ReadOutputAs<string>());
        var recorded = Assert.Single(host.Recorded(organizationId));
        Assert.Equal(pages, recorded.Pages);
        Assert.Equal(pages * 10, recorded.AccountsRead);
        Assert.Equal(new MemberIndexTally(pages, 0, pages), recorded.Organizations[organizationId]);
        Assert.Equal(Enumerable.Range(0, pages).Select(p => p == 0 ? null : p.ToString(CultureInfo.InvariantCulture)), host.TokensAsked(organizationId).Distinct());
    }

    /// <summary>One in-memory host for the class, with the real orchestrator and scripted activities that record each call.</summary>
    public sealed class TestHost : IAsyncLifetime
    {
        private readonly ConcurrentDictionary<string, (int Pages, int FailOnPage)> scripts = new();
        private readonly ConcurrentDictionary<string, ConcurrentQueue<string?>> asked = new();
        private readonly ConcurrentDictionary<string, ConcurrentQueue<MemberIndexRebuildProgress>> recorded = new();
        private readonly ConcurrentDictionary<string, bool> failed = new();
        private DurableTaskTestHost? host;

        public DurableTaskClient Client => host!.Client;

        public void Script(string organizationId, int pages, int failOnPage) => scripts[organizationId] = (pages, failOnPage);

        public IReadOnlyList<string?> TokensAsked(string organizationId) => asked.TryGetValue(organizationId, out var tokens) ? tokens.ToList() : [];

        public IReadOnlyList<MemberIndexRebuildProgress> Recorded(string organizationId) => recorded.TryGetValue(organizationId, out var calls) ? calls.ToList() : [];

        public async Task InitializeAsync() =>
            host = await DurableTestHosts.StartAsync(registry => registry
                .AddOrchestratorFunc<MemberIndexRebuildProgress, string>(MemberIndexRebuildOrchestrator.Name, (context, _) => MemberIndexRebuildOrchestrator.MemberIndexRebuild(context))
                .AddActivityFunc<MemberIndexPageAsked, MemberIndexRepairPage>(nameof(MemberIndexRebuildActivities.RebuildMemberIndexPage), (_, page) =>
                {
                    var organizationId = page.Request.OrganizationId!;
                    asked.GetOrAdd(organizationId, _ => new()).Enqueue(page.ContinuationToken);
                    var (pages, failOnPage) = scripts[organizationId];
                    var number = page.ContinuationToken is null ? 1 : int.Parse(page.ContinuationToken, CultureInfo.InvariantCulture) + 1;
                    if (number == failOnPage && failed.TryAdd(organizationId, true))
                    {
                        throw new IOException("The storage account is unreachable (test).");
                    }

                    var tally = new Dictionary<string, MemberIndexTally> { [organizationId] = new(1, 0, 1) };
                    return new MemberIndexRepairPage(10, tally, number == pages ? null : number.ToString(CultureInfo.InvariantCulture));
                })
                .AddActivityFunc<MemberIndexRebuildProgress, bool>(nameof(MemberIndexRebuildActivities.RecordMemberIndexRebuilt), (_, progress) =>
                {
                    recorded.GetOrAdd(progress.Request.OrganizationId!, _ => new()).Enqueue(progress);
                    return true;
                }));

        public async Task DisposeAsync()
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }
}
