using System.Collections.Concurrent;
using AccountAccess.Functions.Orchestrations;
using AccountAccess.Functions.Orchestrations.BillingReactivations;
using AccountAccess.Functions.Orchestrations.BillingSuspensionNotices;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace AccountAccess.Functions.Tests.Orchestrations.Billing;

/// <summary>
/// The billing orchestrators on the in-memory Durable Task test host (no storage), with scripted activities: the
/// reactivation delay that ends, is cancelled by a new overdue invoice, or is given a new end; and the suspension
/// notice retried after a failure to send. Delays last a second or two.
/// </summary>
public sealed class BillingOrchestratorTests(BillingOrchestratorTests.TestHost host) : IClassFixture<BillingOrchestratorTests.TestHost>
{
    private static string NewOrganization() => "org_" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task At_the_end_of_the_delay_access_is_restored()
    {
        var delay = new ReactivationScheduled(NewOrganization(), DateTimeOffset.UtcNow.AddSeconds(1));

        var done = await host.Client.RunAsync(BillingReactivationOrchestrator.Name, DurableBillingWorkflows.ReactivationIdFor(delay.OrganizationId), delay);

        Assert.Equal("restored", done.ReadOutputAs<string>());
        Assert.Equal([delay.DueAt], host.Restored(delay.OrganizationId));
    }

    [Fact]
    public async Task A_new_overdue_invoice_during_the_delay_cancels_it_and_nothing_is_restored()
    {
        var delay = new ReactivationScheduled(NewOrganization(), DateTimeOffset.UtcNow.AddSeconds(3));
        var instanceId = DurableBillingWorkflows.ReactivationIdFor(delay.OrganizationId);

        var done = await host.Client.RunAsync(BillingReactivationOrchestrator.Name, instanceId, delay,
            (client, _) => client.RaiseEventAsync(instanceId, ReactivationCancelled.EventName, new ReactivationCancelled(delay.OrganizationId)));

        // Completed: the engine runs nothing more of it, so its cancelled timer can restore nothing later.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("cancelled", done.ReadOutputAs<string>());
        Assert.Empty(host.Restored(delay.OrganizationId));
    }

    [Fact]
    public async Task A_new_end_replaces_the_delay_and_access_is_restored_at_the_new_end_only()
    {
        var first = new ReactivationScheduled(NewOrganization(), DateTimeOffset.UtcNow.AddMinutes(10));
        var second = first with { DueAt = DateTimeOffset.UtcNow.AddSeconds(1) };
        var instanceId = DurableBillingWorkflows.ReactivationIdFor(first.OrganizationId);

        var done = await host.Client.RunAsync(BillingReactivationOrchestrator.Name, instanceId, first,
            (client, _) => client.RaiseEventAsync(instanceId, ReactivationScheduled.EventName, second));

        Assert.Equal("restored", done.ReadOutputAs<string>());
        Assert.Equal(second, done.ReadInputAs<ReactivationScheduled>());
        Assert.Equal([second.DueAt], host.Restored(first.OrganizationId));
    }

    [Fact]
    public async Task A_notice_that_fails_to_send_is_retried_and_sent()
    {
        var suspension = new SuspensionBegan(NewOrganization(), DateTimeOffset.UtcNow);
        host.FailNoticeOnce(suspension.OrganizationId);

        var done = await host.Client.RunAsync(BillingSuspensionNoticeOrchestrator.Name,
            DurableBillingWorkflows.SuspensionNoticePrefix + DurableBillingWorkflows.SuspensionNoticeKey(suspension.OrganizationId, suspension.SuspendedSince), suspension);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("sent", done.ReadOutputAs<string>());
        Assert.Equal(2, host.NoticeAttempts(suspension.OrganizationId));
    }

    /// <summary>One in-memory host for the class, with the real orchestrators and scripted activities that record each call.</summary>
    public sealed class TestHost : IAsyncLifetime
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> restored = new();
        private readonly ConcurrentDictionary<string, int> noticeAttempts = new();
        private readonly ConcurrentDictionary<string, bool> failOnce = new();
        private DurableTaskTestHost? host;

        public DurableTaskClient Client => host!.Client;

        public IReadOnlyList<DateTimeOffset> Restored(string organizationId) => restored.TryGetValue(organizationId, out var calls) ? calls.ToList() : [];

        public int NoticeAttempts(string organizationId) => noticeAttempts.GetValueOrDefault(organizationId);

        public void FailNoticeOnce(string organizationId) => failOnce[organizationId] = true;

        public async Task InitializeAsync() =>
            host = await DurableTestHosts.StartAsync(registry => registry
                .AddOrchestratorFunc<ReactivationScheduled, string>(BillingReactivationOrchestrator.Name, (context, _) => BillingReactivationOrchestrator.BillingReactivation(context))
                .AddActivityFunc<ReactivationScheduled, string>(nameof(BillingReactivationActivities.RestoreBillingAccess), (_, delay) =>
                {
                    restored.GetOrAdd(delay.OrganizationId, _ => new()).Enqueue(delay.DueAt);
                    return "restored";
                })
                .AddOrchestratorFunc<SuspensionBegan, string>(BillingSuspensionNoticeOrchestrator.Name, (context, _) => BillingSuspensionNoticeOrchestrator.BillingSuspensionNotice(context))
                .AddActivityFunc<SuspensionBegan, string>(nameof(BillingSuspensionNoticeActivities.SendBillingSuspensionNotice), (_, suspension) =>
                {
                    noticeAttempts.AddOrUpdate(suspension.OrganizationId, 1, (_, n) => n + 1);
                    return failOnce.TryRemove(suspension.OrganizationId, out var fail) && fail
                        ? throw new IOException("The SMTP relay is unreachable (test).")
                        : "sent";
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
