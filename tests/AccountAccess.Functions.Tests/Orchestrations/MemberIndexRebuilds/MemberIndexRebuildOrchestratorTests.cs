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
/// pages), then sweeps the index for orphans page by page the same way, retries a page that failed, and records once, at
/// the end, the totals of every page.
/// </summary>
public sealed class MemberIndexRebuildOrchestratorTests(MemberIndexRebuildOrchestratorTests.TestHost host) : IClassFixture<MemberIndexRebuildOrchestratorTests.TestHost>
{
    [Fact]
    public async Task Pages_are_followed_across_runs_to_the_last_and_the_totals_recorded_once()
    {
        var organizationId = "org_" + Guid.NewGuid().ToString("N")[..12];
        var pages = MemberIndexRebuildOrchestrator.PagesPerRun * 2 + 5;
        var sweepPages = MemberIndexRebuildOrchestrator.PagesPerRun + 3;
        host.Script(organizationId, pages, failOnPage: 3, sweepPages);
        var request = new MemberIndexRebuildRequest(organizationId, new RequestContext(Actor.Operator, null), DateTimeOffset.UtcNow);

        var done = await host.Client.RunAsync(MemberIndexRebuildOrchestrator.Name, DurableMemberIndexWorkflows.InstancePrefix + organizationId, MemberIndexRebuildProgress.Start(request));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(MemberIndexRebuildOrchestrator.Rebuilt, done.ReadOutputAs<string>());
        var recorded = Assert.Single(host.Recorded(organizationId));
        Assert.Equal(pages + sweepPages, recorded.Pages);
        Assert.Equal(pages * 10, recorded.AccountsRead);
        Assert.Equal(sweepPages * 7, recorded.EntriesSwept);
        Assert.Equal(new MemberIndexTally(pages, 0, pages, sweepPages), recorded.Organizations[organizationId]);
        Assert.Equal(Enumerable.Range(0, pages).Select(p => p == 0 ? null : p.ToString(CultureInfo.InvariantCulture)), host.TokensAsked(organizationId).Distinct());
        Assert.Equal(Enumerable.Range(0, sweepPages).Select(p => p == 0 ? null : "s" + p.ToString(CultureInfo.InvariantCulture)), host.SweepTokensAsked(organizationId).Distinct());
    }

    [Fact]
    public async Task The_sweep_starts_only_after_the_last_page_of_accounts()
    {
        var organizationId = "org_" + Guid.NewGuid().ToString("N")[..12];
        host.Script(organizationId, pages: 3, failOnPage: 0, sweepPages: 2);
        var request = new MemberIndexRebuildRequest(organizationId, new RequestContext(Actor.Operator, null), DateTimeOffset.UtcNow);

        await host.Client.RunAsync(MemberIndexRebuildOrchestrator.Name, DurableMemberIndexWorkflows.InstancePrefix + organizationId, MemberIndexRebuildProgress.Start(request));

        Assert.Equal(["a:", "a:1", "a:2", "s:", "s:s1"], host.Calls(organizationId));
    }

    /// <summary>One in-memory host for the class, with the real orchestrator and scripted activities that record each call.</summary>
    public sealed class TestHost : IAsyncLifetime
    {
        private readonly ConcurrentDictionary<string, (int Pages, int FailOnPage, int SweepPages)> scripts = new();
        private readonly ConcurrentDictionary<string, ConcurrentQueue<string?>> asked = new();
        private readonly ConcurrentDictionary<string, ConcurrentQueue<string?>> swept = new();
        private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> calls = new();
        private readonly ConcurrentDictionary<string, ConcurrentQueue<MemberIndexRebuildProgress>> recorded = new();
        private readonly ConcurrentDictionary<string, bool> failed = new();
        private DurableTaskTestHost? host;

        public DurableTaskClient Client => host!.Client;

        public void Script(string organizationId, int pages, int failOnPage, int sweepPages) => scripts[organizationId] = (pages, failOnPage, sweepPages);

        public IReadOnlyList<string?> TokensAsked(string organizationId) => asked.TryGetValue(organizationId, out var tokens) ? tokens.ToList() : [];

        public IReadOnlyList<string?> SweepTokensAsked(string organizationId) => swept.TryGetValue(organizationId, out var tokens) ? tokens.ToList() : [];

        /// <summary>Each page asked for, in order: <c>a:</c> (accounts) or <c>s:</c> (sweep) and its token.</summary>
        public IReadOnlyList<string> Calls(string organizationId) => calls.TryGetValue(organizationId, out var made) ? made.ToList() : [];

        public IReadOnlyList<MemberIndexRebuildProgress> Recorded(string organizationId) => recorded.TryGetValue(organizationId, out var calls) ? calls.ToList() : [];

        public async Task InitializeAsync() =>
            host = await DurableTestHosts.StartAsync(registry => registry
                .AddOrchestratorFunc<MemberIndexRebuildProgress, string>(MemberIndexRebuildOrchestrator.Name, (context, _) => MemberIndexRebuildOrchestrator.MemberIndexRebuild(context))
                .AddActivityFunc<MemberIndexPageAsked, MemberIndexRepairPage>(nameof(MemberIndexRebuildActivities.RebuildMemberIndexPage), (_, page) =>
                {
                    var organizationId = page.Request.OrganizationId!;
                    asked.GetOrAdd(organizationId, _ => new()).Enqueue(page.ContinuationToken);
                    calls.GetOrAdd(organizationId, _ => new()).Enqueue("a:" + page.ContinuationToken);
                    var (pages, failOnPage, _) = scripts[organizationId];
                    var number = page.ContinuationToken is null ? 1 : int.Parse(page.ContinuationToken, CultureInfo.InvariantCulture) + 1;
                    if (number == failOnPage && failed.TryAdd(organizationId, true))
                    {
                        throw new IOException("The storage account is unreachable (test).");
                    }

                    var tally = new Dictionary<string, MemberIndexTally> { [organizationId] = new(1, 0, 1) };
                    return new MemberIndexRepairPage(10, tally, number == pages ? null : number.ToString(CultureInfo.InvariantCulture));
                })
                .AddActivityFunc<MemberIndexPageAsked, MemberIndexRepairPage>(nameof(MemberIndexRebuildActivities.SweepMemberIndexPage), (_, page) =>
                {
                    var organizationId = page.Request.OrganizationId!;
                    swept.GetOrAdd(organizationId, _ => new()).Enqueue(page.ContinuationToken);
                    calls.GetOrAdd(organizationId, _ => new()).Enqueue("s:" + page.ContinuationToken);
                    var sweepPages = scripts[organizationId].SweepPages;
                    var number = page.ContinuationToken is null ? 1 : int.Parse(page.ContinuationToken[1..], CultureInfo.InvariantCulture) + 1;
                    var tally = new Dictionary<string, MemberIndexTally> { [organizationId] = new(0, 0, 0, Removed: 1) };
                    return new MemberIndexRepairPage(7, tally, number == sweepPages ? null : "s" + number.ToString(CultureInfo.InvariantCulture));
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
