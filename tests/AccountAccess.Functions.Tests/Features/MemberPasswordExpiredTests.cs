using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// The members list's <c>status=password_expired</c> over HTTP, with passwords that live 3 s
/// (<c>Passwords:MaxAgeOverride</c>) on its own app, so that rotation runs to the expiry on the durable engine.
/// </summary>
public sealed class MemberPasswordExpiredTests(MemberPasswordExpiredTests.ShortPasswordsApp app) : IClassFixture<MemberPasswordExpiredTests.ShortPasswordsApp>
{
    private Api api => app.Api;

    public sealed class ShortPasswordsApp : IsolatedApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Passwords__MaxAgeOverride"] = "00:00:03",
            ["Passwords__ReminderLeadOverride"] = "00:00:00",
        };
    }

    [Fact]
    public async Task The_status_filter_password_expired_lists_exactly_the_members_whose_password_expired()
    {
        var organizationId = await api.CreateOrganizationAsync();
        var unitId = await api.CreateUnitAsync(organizationId);
        var first = await api.CreateUserAsync(organizationId, unitIds: [unitId]);
        var second = await api.CreateUserAsync(organizationId, unitIds: [unitId]);
        var pending = await api.CreateUserAsync(organizationId, unitIds: [unitId], password: null);
        await Eventually.TrueAsync(async () =>
            await api.CountEventsAsync(first.Id, "password_expired") == 1 && await api.CountEventsAsync(second.Id, "password_expired") == 1,
            TimeSpan.FromSeconds(30));

        List<string> listed = [];
        await Eventually.TrueAsync(async () =>
        {
            var reply = await api.SendAsync(HttpMethod.Get, $"/api/organizations/{organizationId}/members?status=password_expired", asOperator: true);
            reply.ShouldBe(HttpStatusCode.OK);
            listed = [.. reply.Json!["members"]!.AsArray().Select(m => m!["userId"]!.GetValue<string>())];
            return listed.Count >= 2;
        });

        Assert.Equal(new[] { first.Id, second.Id }.Order(), listed.Order());
        Assert.DoesNotContain(pending.Id, listed);
    }
}
