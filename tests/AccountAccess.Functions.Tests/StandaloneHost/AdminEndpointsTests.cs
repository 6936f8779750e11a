using System.Net;
using AccountAccess.Functions.Tests.Infrastructure;

namespace AccountAccess.Functions.Tests.StandaloneHost;

/// <summary>
/// The standalone host's stand-in for the Functions host's admin API (<c>POST /admin/functions/{name}</c>): runs a timer
/// or queue function now, for the operator only.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AdminEndpointsTests(AppFixture fixture)
{
    private readonly Api api = fixture.Api;

    [Fact]
    public async Task A_timer_function_runs_now_for_the_operator()
    {
        var reply = await api.RunFunctionAsync("SweepEndedLockouts");

        reply.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Without_the_operator_key_nothing_runs()
    {
        var reply = await api.SendAsync(HttpMethod.Post, "/admin/functions/SweepEndedLockouts", new { input = "" });

        reply.ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("NoSuchFunction")]
    [InlineData("Login")]
    public async Task Only_timer_and_queue_functions_can_be_run_this_way(string name)
    {
        var reply = await api.RunFunctionAsync(name);

        reply.ShouldBeError(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_queue_function_gets_the_input_as_its_message_and_a_message_it_cannot_read_fails_the_run()
    {
        var reply = await api.RunFunctionAsync("DeliverWelcomeKit", "not a welcome kit");

        reply.ShouldBeError(HttpStatusCode.InternalServerError, "internal_error");
    }
}
