using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Sessions;
using AccountAccess.Core.SignIn;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>
/// Sessions wired over <see cref="PasswordLifecycle"/>'s in-memory stores and fake time, as the app composes them: sign-in
/// opens one, refresh rotates it, ending closes it, the list shows it. Jean (<c>usr_jean</c>, an employee of <c>org_a</c>)
/// is arranged with <see cref="Password"/>.
/// </summary>
public sealed class SessionWorld
{
    public const string Password = "violet-harbour-42";

    public static readonly RequestContext FromPhone = new(Actor.Anonymous, "198.51.100.30", UserAgent: "FitnessApp/4.2 (iPhone)");

    public SessionWorld(SessionSettings? settings = null, OrganizationPolicy? policy = null)
    {
        Settings = settings ?? new SessionSettings { RefreshReuseInterval = TimeSpan.FromSeconds(10) };
        World = new PasswordLifecycle(sessionSettings: Settings);
        World.Organizations.Add(Organization("org_a", policy));
        World.AddUser(User("usr_jean", Member("org_a", Role.Employee, "unit_1")), Password);
        Refresh = new SessionRefresh(World.Users, World.Organizations, World.Sessions, World.Updater, World.SessionStart, World.Tokens, World.Holders, Settings, World.Settings, World.Time);
        Ending = new SessionEnding(World.Updater, World.Time);
        List = new SessionList(World.Sessions, World.Organizations, Settings, World.Time);
    }

    public PasswordLifecycle World { get; }

    public SessionSettings Settings { get; }

    public SessionRefresh Refresh { get; }

    public SessionEnding Ending { get; }

    public SessionList List { get; }

    public User Jean => World.Users["usr_jean"];

    /// <summary>Signs Jean in (from a phone, with <paramref name="deviceToken"/> if any) and returns the <c>status: "ok"</c> outcome.</summary>
    public async Task<SignedIn.Granted> SignInAsync(string login = "usr_jean", RequestContext? context = null, string? deviceToken = null)
    {
        var result = await World.SignIn.SignInAsync(new SignInRequest(login, Password, new SignInAttempt(Portal.Employee, null), deviceToken), context ?? FromPhone, CancellationToken.None);
        return Assert.IsType<SignedIn.Granted>(result.Value);
    }

    public Task<Result<SignedIn>> RefreshAsync(string refreshToken, RequestContext? context = null, string? deviceToken = null) =>
        Refresh.RefreshAsync(refreshToken, deviceToken, context ?? FromPhone, CancellationToken.None);

    /// <summary>Refreshes with <paramref name="refreshToken"/>, which must work, and returns the new pair.</summary>
    public async Task<SignedIn.Granted> RefreshedAsync(string refreshToken) =>
        Assert.IsType<SignedIn.Granted>((await RefreshAsync(refreshToken)).Value);

    /// <summary>The caller an access token of <paramref name="granted"/>'s session makes, as the app resolves it.</summary>
    public Caller.SignedInUser CallerOf(SignedIn.Granted granted) => new(Jean, granted.Session.Id);

    public bool IsOpen(string sessionId) => Jean.HasOpenSession(sessionId, World.Time.GetUtcNow());

    public static RefreshTokenProblem? ProblemOf(Result<SignedIn> result) =>
        result.Failure is { Code: ErrorCode.InvalidRefreshToken } failure ? (RefreshTokenProblem)failure.Details["reason"]! : null;
}
