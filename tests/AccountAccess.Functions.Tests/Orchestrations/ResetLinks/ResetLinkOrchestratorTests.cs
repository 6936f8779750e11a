using System.Collections.Concurrent;
using AccountAccess.Core.Passwords.ResetLinks;
using AccountAccess.Functions.Orchestrations.ResetLinks;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace AccountAccess.Functions.Tests.Orchestrations.ResetLinks;

/// <summary>
/// The reset-link orchestrator on the in-memory Durable Task test host (no storage), with a scripted activity: use
/// before expiry, expiry, supersession by a newer link, a missed newer link found by the activity, a timer a moment
/// early. The host has no virtual clock, so links live a second or two.
/// </summary>
public sealed class ResetLinkOrchestratorTests(ResetLinkOrchestratorTests.TestHost host) : IClassFixture<ResetLinkOrchestratorTests.TestHost>
{
    private static ResetLinkIssued Link(string userId, TimeSpan lifetime, string? linkId = null) =>
        new(userId, linkId ?? "lnk_" + Guid.NewGuid().ToString("N")[..8], DateTimeOffset.UtcNow + lifetime);

    private static string NewUser() => "usr_" + Guid.NewGuid().ToString("N")[..12];

    private Task<OrchestrationMetadata> RunAsync(ResetLinkIssued link, Func<DurableTaskClient, string, Task>? meanwhile = null) =>
        host.Client.RunAsync(ResetLinkOrchestrator.Name, DurableResetLinkTracker.InstanceIdFor(link.UserId), link, meanwhile);

    [Fact]
    public async Task A_link_used_before_it_expires_ends_the_orchestration_as_used_without_recording_anything()
    {
        var link = Link(NewUser(), TimeSpan.FromMinutes(10));

        var done = await RunAsync(link, (client, id) => client.RaiseEventAsync(id, ResetLinkUsed.EventName, new ResetLinkUsed(link.LinkId)));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("used", done.ReadOutputAs<string>());
        Assert.Empty(host.Recorded(link.UserId));
    }

    [Fact]
    public async Task An_unused_link_is_recorded_when_its_time_is_up()
    {
        var link = Link(NewUser(), TimeSpan.FromSeconds(1));

        var done = await RunAsync(link);

        Assert.Equal("expired_unused", done.ReadOutputAs<string>());
        Assert.Equal([link.LinkId], host.Recorded(link.UserId));
    }

    [Fact]
    public async Task A_newer_link_replaces_the_one_waited_for_and_only_the_newer_one_is_recorded()
    {
        var first = Link(NewUser(), TimeSpan.FromMinutes(10));
        var second = Link(first.UserId, TimeSpan.FromSeconds(1));

        var done = await RunAsync(first, (client, id) => client.RaiseEventAsync(id, ResetLinkIssued.EventName, second));

        Assert.Equal("expired_unused", done.ReadOutputAs<string>());
        Assert.Equal(second.LinkId, done.ReadInputAs<ResetLinkIssued>()!.LinkId);
        Assert.Equal([second.LinkId], host.Recorded(first.UserId));
    }

    [Fact]
    public async Task A_newer_link_whose_event_was_missed_is_found_by_the_activity_and_followed()
    {
        var first = Link(NewUser(), TimeSpan.FromSeconds(1));
        var second = Link(first.UserId, TimeSpan.FromSeconds(2));
        host.Script(first.LinkId, new ResetLinkFollowUp(ResetLinkExpiryOutcome.Superseded, second));

        var done = await RunAsync(first);

        Assert.Equal("expired_unused", done.ReadOutputAs<string>());
        Assert.Equal([first.LinkId, second.LinkId], host.Recorded(first.UserId));
    }

    [Fact]
    public async Task A_timer_that_fires_a_moment_early_waits_again_for_the_same_link()
    {
        var link = Link(NewUser(), TimeSpan.FromSeconds(1));
        host.ScriptOnce(link.LinkId, new ResetLinkFollowUp(ResetLinkExpiryOutcome.NotYet, link with { ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(2) }));

        var done = await RunAsync(link);

        Assert.Equal("expired_unused", done.ReadOutputAs<string>());
        Assert.Equal([link.LinkId, link.LinkId], host.Recorded(link.UserId));
    }

    /// <summary>
    /// One in-memory host for the class, with the real orchestrator and a scripted activity that records each call
    /// (by default an unused link expires).
    /// </summary>
    public sealed class TestHost : IAsyncLifetime
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> recorded = new();
        private readonly ConcurrentDictionary<string, ResetLinkFollowUp> scripted = new();
        private readonly ConcurrentDictionary<string, ResetLinkFollowUp> scriptedOnce = new();
        private DurableTaskTestHost? host;

        public DurableTaskClient Client => host!.Client;

        public IReadOnlyList<string> Recorded(string userId) => recorded.TryGetValue(userId, out var calls) ? calls.ToList() : [];

        public void Script(string linkId, ResetLinkFollowUp followUp) => scripted[linkId] = followUp;

        public void ScriptOnce(string linkId, ResetLinkFollowUp followUp) => scriptedOnce[linkId] = followUp;

        public async Task InitializeAsync() =>
            host = await DurableTestHosts.StartAsync(
                registry => registry
                    .AddOrchestratorFunc<ResetLinkIssued, string>(ResetLinkOrchestrator.Name, (context, _) => ResetLinkOrchestrator.ResetLink(context))
                    .AddActivityFunc<ResetLinkIssued, ResetLinkFollowUp>(nameof(ResetLinkActivities.RecordResetLinkExpiry), (_, link) => Task.FromResult(Record(link))));

        public async Task DisposeAsync()
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        private ResetLinkFollowUp Record(ResetLinkIssued link)
        {
            recorded.GetOrAdd(link.UserId, _ => new ConcurrentQueue<string>()).Enqueue(link.LinkId);
            return scriptedOnce.TryRemove(link.LinkId, out var once) ? once
                : scripted.TryGetValue(link.LinkId, out var always) ? always
                : new ResetLinkFollowUp(ResetLinkExpiryOutcome.Expired, null);
        }
    }
}
