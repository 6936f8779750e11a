using System.Globalization;
using System.Text.Json;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Features;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using AccountAccess.Functions.Tests.Infrastructure;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Functions.Tests.Features;

/// <summary>
/// <see cref="PasswordFunctions.ForgotPassword"/> and <see cref="PasswordFunctions.HandleForgotPassword"/> called directly
/// over <see cref="PasswordLifecycle"/>'s fakes: the answer reveals nothing about the account, in the caller's language,
/// and does the same work for every login (it queues the request); the queue function does the rest.
/// </summary>
public sealed class PasswordFunctionsUnitTests
{
    private readonly PasswordLifecycle world = new();
    private readonly RecordingForgotPasswordQueue queue = new();
    private readonly PasswordFunctions functions;

    public PasswordFunctionsUnitTests()
    {
        world.Organizations.Add(Organization("org_a"));
        world.AddUser(User("usr_jean", Member("org_a", Role.Employee, "unit_1")), "violet-harbour-42");
        var signingKeys = SigningKeys.FromPem([TestSigningKeys.AppKey]);
        functions = new PasswordFunctions(
            world.Reset,
            world.Change,
            queue,
            new RestrictedTokens(signingKeys, new AuthOptions { Issuer = "http://localhost:7071" }, world.Time),
            new CallerResolver(new OperatorKey(new OperatorOptions()), world.Users, world.Time, new SupportTeam()),
            world.Time);
    }

    private async Task<Accepted<MessageResponse>> ForgotAsync(string login) =>
        Assert.IsType<Accepted<MessageResponse>>((await functions.ForgotPassword(new DefaultHttpContext().Request, new LoginOnlyBody(login), CancellationToken.None)).Result);

    [Fact]
    public async Task A_known_and_an_unknown_login_get_the_same_answer()
    {
        var known = await ForgotAsync("usr_jean");
        var unknown = await ForgotAsync("usr_nobody");

        Assert.Equal(StatusCodes.Status202Accepted, known.StatusCode);
        Assert.Equal(known.Value, unknown.Value);
    }

    [Fact]
    public async Task A_known_and_an_unknown_login_are_queued_alike_and_nothing_is_sent_before_the_answer()
    {
        await ForgotAsync("usr_jean");
        await ForgotAsync("usr_nobody");

        Assert.Equal([new ForgotPasswordRequest("usr_jean", null, Start), new ForgotPasswordRequest("usr_nobody", null, Start)], queue.Queued);
        Assert.Empty(world.Email.Sent);
    }

    [Fact]
    public async Task Once_the_queued_requests_are_handled_only_the_known_account_is_emailed_a_reset_link()
    {
        await ForgotAsync("usr_jean");
        await ForgotAsync("usr_nobody");

        foreach (var request in queue.Queued)
        {
            var message = QueuesModelFactory.QueueMessage("id", "receipt", JsonSerializer.Serialize(request, JsonSerializerOptions.Web), 1);
            await functions.HandleForgotPassword(message, NoWorkflows.Client, CancellationToken.None);
        }

        Assert.Equal(["usr_jean@example.com"], world.Email.Sent.Select(m => m.To));
    }

    [Fact]
    public async Task The_answer_speaks_the_language_the_pipeline_chose()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = RequestLanguage.French;
        try
        {
            var answer = await ForgotAsync("usr_jean");

            Assert.Equal(UserMessages.ForgotPasswordAccepted(RequestLanguage.French), answer.Value!.Message);
            Assert.NotEqual(UserMessages.ForgotPasswordAccepted(RequestLanguage.English), answer.Value.Message);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public async Task A_missing_login_is_invalid_request_naming_it()
    {
        var answer = await functions.ForgotPassword(new DefaultHttpContext().Request, new LoginOnlyBody(null), CancellationToken.None);

        Assert.Equal("login", Assert.IsType<ApiError>(answer.Result).Failure.Details["field"]);
    }
}
