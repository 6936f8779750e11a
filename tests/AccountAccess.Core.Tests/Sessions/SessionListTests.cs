using AccountAccess.Core.Sessions;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.Sessions;

/// <summary>The holder's list of open sessions.</summary>
public sealed class SessionListTests
{
    private readonly SessionWorld world = new();

    [Fact]
    public async Task The_list_shows_the_open_sessions_newest_first_with_the_one_asking_marked()
    {
        var phone = await world.SignInAsync();
        world.World.Time.Advance(TimeSpan.FromHours(1));
        var laptop = await world.SignInAsync();

        var sessions = await world.List.ListAsync(world.CallerOf(phone), CancellationToken.None);

        Assert.Equal([laptop.Session.Id, phone.Session.Id], sessions.Select(s => s.Id));
        Assert.Equal([false, true], sessions.Select(s => s.Current));
        Assert.Equal(("198.51.100.30", "FitnessApp/4.2 (iPhone)", Start), (sessions[1].Ip, sessions[1].UserAgent, sessions[1].CreatedAt));
    }

    [Fact]
    public async Task Ended_and_idle_sessions_are_not_listed()
    {
        var idle = await world.SignInAsync();
        world.World.Time.Advance(TimeSpan.FromDays(15));
        var signedOut = await world.SignInAsync();
        var current = await world.SignInAsync();
        await world.Ending.SignOutAsync(world.CallerOf(signedOut), FromIp, CancellationToken.None);

        var sessions = await world.List.ListAsync(world.CallerOf(current), CancellationToken.None);

        Assert.Equal([current.Session.Id], sessions.Select(s => s.Id));
        Assert.DoesNotContain(sessions, s => s.Id == idle.Session.Id);
    }
}
