using System.Text.Json.Nodes;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Passkeys;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Testing;

namespace AccountAccess.Core.Tests.Passkeys;

/// <summary>The holder's passkeys: added with the password again, named, renamed, removed with the password again, twenty at most.</summary>
public sealed class PasskeyRegistrationsTests
{
    private readonly PasskeyWorld world = new();

    public PasskeyRegistrationsTests() => world.AddEmployee("usr_jean");

    [Fact]
    public async Task A_registered_passkey_is_kept_on_the_account_with_its_name_and_audited()
    {
        using var authenticator = world.NewAuthenticator();

        var passkey = await world.RegisterAsync("usr_jean", authenticator, "Work laptop");

        var stored = Assert.Single(world.Users["usr_jean"].TwoFactor.Passkeys);
        Assert.Equal(passkey.Id, stored.Id);
        Assert.Equal("Work laptop", stored.Name);
        Assert.Equal(authenticator.CredentialId, stored.CredentialId);
        Assert.Equal(TestData.Start, stored.CreatedAt);
        Assert.Contains(world.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.PasskeyAdded && e.Details!["passkeyId"] == passkey.Id);
    }

    [Fact]
    public async Task The_holder_is_told_when_a_passkey_is_added_by_its_name()
    {
        using var authenticator = world.NewAuthenticator();

        await world.RegisterAsync("usr_jean", authenticator, "Work laptop");

        var notice = Assert.Single(world.Email.Sent, e => e.To == "usr_jean@example.com");
        Assert.Equal("A passkey was added to your account", notice.Subject);
        Assert.Contains("\"Work laptop\"", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains(world.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.NotificationSent && e.Reason == "passkey_changed");
    }

    [Fact]
    public async Task The_holder_is_told_when_a_passkey_is_removed()
    {
        using var authenticator = world.NewAuthenticator();
        var passkey = await world.RegisterAsync("usr_jean", authenticator, "Work laptop");

        await world.Registrations.RemoveAsync("usr_jean", passkey.Id, PasskeyWorld.Password, PasskeyWorld.Own("usr_jean"), CancellationToken.None);

        Assert.Contains(world.Email.Sent, e => e.To == "usr_jean@example.com" && e.Subject == "A passkey was removed from your account");
    }

    [Fact]
    public async Task A_passkey_registered_without_a_name_is_numbered_in_the_accounts_language()
    {
        using var first = world.NewAuthenticator();
        using var second = world.NewAuthenticator();

        await world.RegisterAsync("usr_jean", first);
        var named = await world.RegisterAsync("usr_jean", second);

        Assert.Equal("Passkey 2", named.Name);
    }

    [Fact]
    public async Task Registration_options_need_the_password_and_a_wrong_one_counts_as_a_failed_sign_in()
    {
        var refused = await world.Registrations.BeginAsync("usr_jean", "not-the-password", PasskeyWorld.Own("usr_jean"), CancellationToken.None);

        Assert.Equal(ErrorCode.InvalidCredentials, refused.Failure!.Code);
        Assert.Equal(1, world.Users["usr_jean"].FailedAttempts.Count);
        Assert.Contains(world.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.SignInFailed);
    }

    [Fact]
    public async Task Wrong_step_up_passwords_lock_the_account_like_wrong_sign_in_passwords()
    {
        for (var attempt = 0; attempt < Core.Organizations.OrganizationPolicy.Default.MaxFailedAttempts; attempt++)
        {
            await world.Registrations.BeginAsync("usr_jean", "not-the-password", PasskeyWorld.Own("usr_jean"), CancellationToken.None);
        }

        Assert.Equal(Core.Accounts.DeactivationReason.TooManyAttempts, world.Users["usr_jean"].Deactivation!.Reason);
    }

    [Fact]
    public async Task The_options_of_a_registration_answer_once()
    {
        using var authenticator = world.NewAuthenticator();
        var options = await world.Registrations.BeginAsync("usr_jean", PasskeyWorld.Password, PasskeyWorld.Own("usr_jean"), CancellationToken.None);
        var answer = authenticator.Register(JsonNode.Parse(options.Value.Options)!).ToJsonString();
        await world.Registrations.CompleteAsync("usr_jean", options.Value.ChallengeId, null, answer, PasskeyWorld.Own("usr_jean"), CancellationToken.None);

        var again = await world.Registrations.CompleteAsync("usr_jean", options.Value.ChallengeId, null, answer, PasskeyWorld.Own("usr_jean"), CancellationToken.None);

        AssertRefused(PasskeyProblem.ChallengeReused, again.Failure);
        Assert.Single(world.Users["usr_jean"].TwoFactor.Passkeys);
    }

    [Fact]
    public async Task The_options_of_a_registration_expire()
    {
        using var authenticator = world.NewAuthenticator();
        var options = await world.Registrations.BeginAsync("usr_jean", PasskeyWorld.Password, PasskeyWorld.Own("usr_jean"), CancellationToken.None);
        world.Time.Advance(world.Settings.CeremonyLifetime);

        var late = await world.Registrations.CompleteAsync("usr_jean", options.Value.ChallengeId, null,
            authenticator.Register(JsonNode.Parse(options.Value.Options)!).ToJsonString(), PasskeyWorld.Own("usr_jean"), CancellationToken.None);

        AssertRefused(PasskeyProblem.ChallengeExpired, late.Failure);
    }

    [Fact]
    public async Task Another_accounts_registration_options_cannot_register_a_passkey_here()
    {
        world.AddEmployee("usr_marie");
        using var authenticator = world.NewAuthenticator();
        var options = await world.Registrations.BeginAsync("usr_marie", PasskeyWorld.Password, PasskeyWorld.Own("usr_marie"), CancellationToken.None);

        var refused = await world.Registrations.CompleteAsync("usr_jean", options.Value.ChallengeId, null,
            authenticator.Register(JsonNode.Parse(options.Value.Options)!).ToJsonString(), PasskeyWorld.Own("usr_jean"), CancellationToken.None);

        AssertRefused(PasskeyProblem.ChallengeExpired, refused.Failure);
        Assert.Empty(world.Users["usr_jean"].TwoFactor.Passkeys);
    }

    [Fact]
    public async Task A_refused_registration_is_audited_and_adds_nothing()
    {
        using var authenticator = world.NewAuthenticator();
        authenticator.Origin = "https://phishing.example";
        var options = await world.Registrations.BeginAsync("usr_jean", PasskeyWorld.Password, PasskeyWorld.Own("usr_jean"), CancellationToken.None);

        var refused = await world.Registrations.CompleteAsync("usr_jean", options.Value.ChallengeId, null,
            authenticator.Register(JsonNode.Parse(options.Value.Options)!).ToJsonString(), PasskeyWorld.Own("usr_jean"), CancellationToken.None);

        AssertRefused(PasskeyProblem.WrongOrigin, refused.Failure);
        Assert.Empty(world.Users["usr_jean"].TwoFactor.Passkeys);
        Assert.Contains(world.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.PasskeyFailed && e.Reason == "wrong_origin" && e.Details!["ceremony"] == "registration");
    }

    [Fact]
    public async Task An_unreadable_credential_is_a_bad_request_that_leaves_the_options_usable()
    {
        using var authenticator = world.NewAuthenticator();
        var options = await world.Registrations.BeginAsync("usr_jean", PasskeyWorld.Password, PasskeyWorld.Own("usr_jean"), CancellationToken.None);

        var unreadable = await world.Registrations.CompleteAsync("usr_jean", options.Value.ChallengeId, null, """{"type":"public-key"}""", PasskeyWorld.Own("usr_jean"), CancellationToken.None);
        var answered = await world.Registrations.CompleteAsync("usr_jean", options.Value.ChallengeId, null,
            authenticator.Register(JsonNode.Parse(options.Value.Options)!).ToJsonString(), PasskeyWorld.Own("usr_jean"), CancellationToken.None);

        Assert.Equal(ErrorCode.InvalidRequest, unreadable.Failure!.Code);
        Assert.Equal("credential", unreadable.Failure.Details["field"]);
        Assert.True(answered.Succeeded);
    }

    [Fact]
    public async Task The_same_authenticator_cannot_register_twice()
    {
        using var authenticator = world.NewAuthenticator();
        await world.RegisterAsync("usr_jean", authenticator);
        var options = await world.Registrations.BeginAsync("usr_jean", PasskeyWorld.Password, PasskeyWorld.Own("usr_jean"), CancellationToken.None);

        var twice = await world.Registrations.CompleteAsync("usr_jean", options.Value.ChallengeId, null,
            authenticator.Register(JsonNode.Parse(options.Value.Options)!).ToJsonString(), PasskeyWorld.Own("usr_jean"), CancellationToken.None);

        AssertRefused(PasskeyProblem.AlreadyRegistered, twice.Failure);
    }

    [Fact]
    public async Task An_account_holds_at_most_twenty_passkeys()
    {
        for (var i = 0; i < PasskeySettings.MaxPerAccount; i++)
        {
            using var authenticator = world.NewAuthenticator();
            await world.RegisterAsync("usr_jean", authenticator);
        }

        var more = await world.Registrations.BeginAsync("usr_jean", PasskeyWorld.Password, PasskeyWorld.Own("usr_jean"), CancellationToken.None);

        Assert.Equal(ErrorCode.InvalidState, more.Failure!.Code);
        Assert.Equal("too_many_passkeys", more.Failure.Details["reason"]);
        Assert.Equal(20, world.Users["usr_jean"].TwoFactor.Passkeys.Count);
    }

    [Fact]
    public async Task A_passkey_is_renamed_and_audited()
    {
        using var authenticator = world.NewAuthenticator();
        var passkey = await world.RegisterAsync("usr_jean", authenticator);

        var renamed = await world.Registrations.RenameAsync("usr_jean", passkey.Id, "  Phone  ", PasskeyWorld.Own("usr_jean"), CancellationToken.None);

        Assert.Equal("Phone", renamed.Value.Name);
        Assert.Equal("Phone", world.Users["usr_jean"].TwoFactor.Passkeys.Single().Name);
        Assert.Contains(world.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.PasskeyRenamed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    public async Task A_name_that_is_empty_or_has_control_characters_is_refused(string name)
    {
        using var authenticator = world.NewAuthenticator();
        var passkey = await world.RegisterAsync("usr_jean", authenticator);

        var refused = await world.Registrations.RenameAsync("usr_jean", passkey.Id, name, PasskeyWorld.Own("usr_jean"), CancellationToken.None);

        Assert.Equal(ErrorCode.InvalidRequest, refused.Failure!.Code);
        Assert.Equal("name", refused.Failure.Details["field"]);
    }

    [Fact]
    public async Task A_passkey_is_removed_with_the_password_and_audited()
    {
        using var authenticator = world.NewAuthenticator();
        var passkey = await world.RegisterAsync("usr_jean", authenticator);

        var removed = await world.Registrations.RemoveAsync("usr_jean", passkey.Id, PasskeyWorld.Password, PasskeyWorld.Own("usr_jean"), CancellationToken.None);

        Assert.True(removed.Succeeded);
        Assert.Empty(world.Users["usr_jean"].TwoFactor.Passkeys);
        Assert.Contains(world.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.PasskeyRemoved && e.Details!["passkeyId"] == passkey.Id);
    }

    [Fact]
    public async Task A_passkey_is_not_removed_with_a_wrong_password()
    {
        using var authenticator = world.NewAuthenticator();
        var passkey = await world.RegisterAsync("usr_jean", authenticator);

        var refused = await world.Registrations.RemoveAsync("usr_jean", passkey.Id, "not-the-password", PasskeyWorld.Own("usr_jean"), CancellationToken.None);

        Assert.Equal(ErrorCode.InvalidCredentials, refused.Failure!.Code);
        Assert.Single(world.Users["usr_jean"].TwoFactor.Passkeys);
    }

    [Fact]
    public async Task Removing_a_passkey_the_account_does_not_have_is_not_found()
    {
        var refused = await world.Registrations.RemoveAsync("usr_jean", "pk_nothere", PasskeyWorld.Password, PasskeyWorld.Own("usr_jean"), CancellationToken.None);

        Assert.Equal(ErrorCode.NotFound, refused.Failure!.Code);
    }

    private static void AssertRefused(PasskeyProblem problem, Failure? failure)
    {
        Assert.Equal(ErrorCode.PasskeyInvalid, failure!.Code);
        Assert.Equal(problem, failure.Details["reason"]);
    }
}
