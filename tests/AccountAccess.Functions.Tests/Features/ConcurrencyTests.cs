using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// Failed attempts that arrive together (DESIGN.md "Counters that race use ETag optimistic concurrency with retry"): no
/// wrong password is lost, so the lock comes exactly at <c>maxFailedAttempts</c>.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ConcurrencyTests(AppFixture fixture)
{
    private readonly Api api = fixture.Api;

    [Fact]
    public async Task Ten_concurrent_wrong_passwords_lock_an_account_whose_limit_is_ten()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 10 });

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => api.LoginAsync(user.Username, "Wrong-Password-123")));

        Assert.All(replies, r => r.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials"));
        var shown = (await api.SendAsync(HttpMethod.Get, $"/api/users/{user.Id}", asOperator: true)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(10, shown.Json!["failedAttempts"]!["count"]!.GetValue<int>());
        Assert.Equal(10, await api.CountEventsAsync(user.Id, "sign_in_failed"));
        Assert.Equal("too_many_attempts", shown.Json["deactivation"]!["reason"]!.GetValue<string>());
        (await api.LoginAsync(user.Username)).ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task Nine_concurrent_wrong_passwords_do_not_lock_an_account_whose_limit_is_ten()
    {
        var (_, _, user) = await api.CreateStaffAsync(policy: new { maxFailedAttempts = 10 });

        var replies = await Task.WhenAll(Enumerable.Range(0, 9).Select(_ => api.LoginAsync(user.Username, "Wrong-Password-123")));

        Assert.All(replies, r => r.ShouldBeError(HttpStatusCode.Unauthorized, "invalid_credentials"));
        var shown = (await api.SendAsync(HttpMethod.Get, $"/api/users/{user.Id}", asOperator: true)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(9, shown.Json!["failedAttempts"]!["count"]!.GetValue<int>());
        (await api.LoginAsync(user.Username)).ShouldBe(HttpStatusCode.OK);
    }
}
