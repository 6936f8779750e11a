using System.Text.Json.Nodes;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using AccountAccess.Core.TwoFactor;
using AccountAccess.Testing;

namespace AccountAccess.Core.Tests.Passkeys;

/// <summary>
/// Policy <c>requirePhishingResistant</c>: members sign in with a passkey — the password and a passkey, or a passkey alone —
/// and one without a passkey sets one up at sign-in, after the second factor they have.
/// </summary>
public sealed class PhishingResistantSignInTests : IDisposable
{
    private readonly PasskeyWorld world = new();
    private readonly SoftwareAuthenticator authenticator;

    public PhishingResistantSignInTests()
    {
        world.Organizations.Add(TestData.Organization("org_strict", OrganizationPolicy.Default with { RequirePhishingResistant = true }));
        world.AddEmployee("usr_jean", "org_strict");
        authenticator = world.NewAuthenticator();
    }

    public void Dispose() => authenticator.Dispose();

    [Fact]
    public void The_policy_is_off_by_default()
    {
        Assert.False(OrganizationPolicy.Default.RequirePhishingResistant);
    }

    [Fact]
    public async Task A_member_with_a_passkey_is_asked_for_the_passkey_only()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        world.Users.Add(world.Users["usr_jean"] with { TwoFactor = world.Users["usr_jean"].TwoFactor with { Phone = "+15145550100" } });

        var required = Assert.IsType<SignedIn.TwoFactorRequired>((await world.SignInWithPasswordAsync("usr_jean")).Value);

        Assert.Equal([TwoFactorMethod.Passkey], required.Methods);
        Assert.True(required.Challenge.PasskeyOnly);
    }

    [Fact]
    public async Task A_code_cannot_answer_a_challenge_that_needs_a_passkey()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        world.Users.Add(world.Users["usr_jean"] with { TwoFactor = world.Users["usr_jean"].TwoFactor with { Phone = "+15145550100" } });
        var required = (SignedIn.TwoFactorRequired)(await world.SignInWithPasswordAsync("usr_jean")).Value;

        var sent = await world.TwoFactor.SendAsync(required.Challenge.Id, TwoFactorMethod.Sms, CancellationToken.None);
        var code = await world.TwoFactor.VerifyAsync(required.Challenge.Id, "123456", null, PasskeyWorld.Anonymous, CancellationToken.None);

        Assert.Equal(ErrorCode.InvalidRequest, sent.Failure!.Code);
        Assert.Equal(ErrorCode.InvalidRequest, code.Failure!.Code);
    }

    [Fact]
    public async Task The_password_and_the_passkey_sign_the_member_in()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        var required = (SignedIn.TwoFactorRequired)(await world.SignInWithPasswordAsync("usr_jean")).Value;

        var result = await world.TwoFactor.VerifyPasskeyAsync(required.Challenge.Id,
            authenticator.Assert(JsonNode.Parse(required.Challenge.PasskeyOptions!)!).ToJsonString(), PasskeyWorld.Anonymous, CancellationToken.None);

        Assert.IsType<SignedIn.Granted>(result.Value);
    }

    [Fact]
    public async Task A_passkey_alone_signs_the_member_in()
    {
        await world.RegisterAsync("usr_jean", authenticator);
        var (options, answer) = await world.AnswerSignInAsync(authenticator);

        Assert.IsType<SignedIn.Granted>((await world.VerifySignInAsync(options.ChallengeId, answer)).Value);
    }

    [Fact]
    public async Task A_member_without_any_factor_is_asked_to_set_up_a_passkey()
    {
        var result = await world.SignInWithPasswordAsync("usr_jean");

        var enrolment = Assert.IsType<SignedIn.TwoFactorEnrollmentRequired>(result.Value);
        Assert.Equal([TwoFactorMethod.Passkey], enrolment.Methods);
    }

    [Fact]
    public async Task A_member_with_only_a_phone_proves_it_before_setting_up_a_passkey()
    {
        world.Users.Add(world.Users["usr_jean"] with { TwoFactor = world.Users["usr_jean"].TwoFactor with { Phone = "+15145550100" } });

        var required = Assert.IsType<SignedIn.TwoFactorRequired>((await world.SignInWithPasswordAsync("usr_jean")).Value);
        var afterCode = await world.SignIn.CompleteAsync(world.Users["usr_jean"], [world.Organizations["org_strict"]], new SignInAttempt(Portal.Employee, null),
            world.Time.GetUtcNow(), secondFactorProven: true, passkeyProven: false, CancellationToken.None);

        Assert.DoesNotContain(TwoFactorMethod.Passkey, required.Methods);
        Assert.Equal([TwoFactorMethod.Passkey], Assert.IsType<SignedIn.TwoFactorEnrollmentRequired>(afterCode.Value).Methods);
    }

    [Fact]
    public async Task A_member_of_another_organization_without_the_policy_signs_in_as_before()
    {
        world.AddEmployee("usr_marie");

        Assert.IsType<SignedIn.Granted>((await world.SignInWithPasswordAsync("usr_marie")).Value);
    }
}
