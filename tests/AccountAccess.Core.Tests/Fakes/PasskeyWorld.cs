using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Notifications.Holder;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passkeys;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.TwoFactor;
using AccountAccess.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>
/// Passkeys wired as the app composes them — sign-in, second factor, registration — over in-memory stores, fake time and
/// recorded email, with a relying party at <see cref="Origin"/> (id <c>localhost</c>) and software authenticators.
/// </summary>
public sealed class PasskeyWorld
{
    public const string Origin = "http://localhost:7071";
    public const string Password = "violet-harbour-42";
    public const string PrimaryContact = "contact@org-a.example";

    private static readonly PasswordHashing Hashing = new(1000);
    private static readonly string PasswordHash = Hashing.Hash(Password);

    public PasskeyWorld(PasskeySettings? settings = null)
    {
        Settings = settings ?? new PasskeySettings();
        RelyingParty = new RelyingParty(Settings, new PasswordSettings { PublicBaseUrl = Origin });
        var updater = new UserUpdater(Users, Time);
        var twoFactorSettings = new TwoFactorSettings();
        var holders = new HolderNotifier(Email, updater, new PasswordSettings { PublicBaseUrl = Origin }, Time);
        var failures = new SecondFactorFailures(Users, Organizations, updater, Email, Time, holders);
        var secrets = new SecretProtector(RandomNumberGenerator.GetBytes(32));
        Assertions = new PasskeyAssertions(updater, RelyingParty, failures, Time);
        SignIn = new SignInHandler(Users, Organizations, Hashing, Tokens, updater, new LockoutSettings(), new PasswordSettings(), Challenges, twoFactorSettings, Time, relyingParty: RelyingParty);
        TwoFactor = new TwoFactorSignIn(Users, Organizations, Challenges, updater, SignIn, secrets, new RecoveryCodeHasher(secrets.DeriveKey("recovery codes")), Email,
            new RecordingSmsSender(), twoFactorSettings, Time, failures, Assertions, holders);
        Ceremonies = new PasskeyCeremonies(CeremonyStore, Settings, Time);
        var stepUp = new StepUp(Users, Organizations, Hashing, updater, new LockoutSettings(), Time, holders: holders);
        Registrations = new PasskeyRegistrations(Users, updater, stepUp, Ceremonies, RelyingParty, Assertions, holders, Time);
        Passwordless = new PasskeySignIn(Users, Organizations, SignIn, Ceremonies, RelyingParty, Assertions, new DecoyCredentials(RandomNumberGenerator.GetBytes(32)), Time);
        Organizations.Add(TestData.Organization("org_a") with { PrimaryContactEmail = PrimaryContact });
    }

    public FakeTimeProvider Time { get; } = new(TestData.Start);

    public InMemoryUserStore Users { get; } = new();

    public InMemoryOrganizationStore Organizations { get; } = new();

    public InMemoryChallengeStore Challenges { get; } = new();

    public InMemoryPasskeyCeremonyStore CeremonyStore { get; } = new();

    public RecordingEmailSender Email { get; } = new();

    public FakeAccessTokenIssuer Tokens { get; } = new();

    public PasskeySettings Settings { get; }

    public RelyingParty RelyingParty { get; }

    public PasskeyAssertions Assertions { get; }

    public SignInHandler SignIn { get; }

    public TwoFactorSignIn TwoFactor { get; }

    public PasskeyCeremonies Ceremonies { get; }

    public PasskeyRegistrations Registrations { get; }

    public PasskeySignIn Passwordless { get; }

    public static RequestContext Anonymous => TestData.FromIp;

    public static RequestContext Own(string userId) => new(Actor.ForUser(userId), "198.51.100.20");

    /// <summary>An employee of <c>org_a</c> (unit rights included) with <see cref="Password"/>, named after its id.</summary>
    public User AddEmployee(string id, string organizationId = "org_a") =>
        Users.Add(TestData.User(id, TestData.Member(organizationId, Role.Employee, "unit_1")).WithPassword(PasswordHash)).Value;

    /// <summary>Registers a passkey held by <paramref name="authenticator"/> on <paramref name="userId"/>'s account, as the holder would.</summary>
    public async Task<Passkey> RegisterAsync(string userId, SoftwareAuthenticator authenticator, string? name = null)
    {
        var options = await Registrations.BeginAsync(userId, Password, Own(userId), CancellationToken.None);
        var answer = authenticator.Register(JsonNode.Parse(options.Value.Options)!);
        var added = await Registrations.CompleteAsync(userId, options.Value.ChallengeId, name, answer.ToJsonString(), Own(userId), CancellationToken.None);
        return added.Value;
    }

    public SoftwareAuthenticator NewAuthenticator() => new(Origin);

    /// <summary>Options and the authenticator's answer, for a passwordless sign-in (the login typed, or none).</summary>
    public async Task<(PasskeyOptions Options, JsonObject Answer)> AnswerSignInAsync(SoftwareAuthenticator authenticator, string? login = null)
    {
        var options = await Passwordless.OptionsAsync(login, CancellationToken.None);
        return (options, authenticator.Assert(JsonNode.Parse(options.Options)!));
    }

    public Task<Result<SignedIn>> VerifySignInAsync(string challengeId, JsonObject answer, Portal portal = Portal.Employee) =>
        Passwordless.VerifyAsync(challengeId, answer.ToJsonString(), new SignInAttempt(portal, null), Anonymous, CancellationToken.None);

    public Task<Result<SignedIn>> SignInWithPasswordAsync(string login, Portal portal = Portal.Employee) =>
        SignIn.SignInAsync(new SignInRequest(login, Password, new SignInAttempt(portal, null)), Anonymous, CancellationToken.None);
}
