using AccountAccess.Core.Accounts;
using AccountAccess.Core.Notifications;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.WelcomeKits;
using Microsoft.Extensions.Time.Testing;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>Welcome kits wired as the app composes them, over the password lifecycle's in-memory stores, fake time and recorded email.</summary>
public sealed class WelcomeKitWorld
{
    public WelcomeKitWorld(WelcomeKitSettings? settings = null)
    {
        Settings = settings ?? new WelcomeKitSettings();
        Queue = new RecordingWelcomeKitQueue(Time);
        Sender = new WelcomeKitSender(Users, Passwords.LinkEmails, Time);
        Batches = new WelcomeKitBatches(Users, Organizations, Queue, Progress, Sender, Time);
        Schedule = new WelcomeKitSchedule(Users, Sender, Settings, Time);
        Sweep = new WelcomeKitBatchSweep(Progress, Settings, Time);
    }

    public PasswordLifecycle Passwords { get; } = new();

    public WelcomeKitSettings Settings { get; }

    public FakeTimeProvider Time => Passwords.Time;

    public InMemoryUserStore Users => Passwords.Users;

    public InMemoryOrganizationStore Organizations => Passwords.Organizations;

    public RecordingEmailSender Email => Passwords.Email;

    public RecordingWelcomeKitQueue Queue { get; }

    public InMemoryWelcomeKitProgress Progress { get; } = new();

    public WelcomeKitSender Sender { get; }

    public WelcomeKitBatches Batches { get; }

    public WelcomeKitSchedule Schedule { get; }

    public WelcomeKitBatchSweep Sweep { get; }

    /// <summary>Arranges an account pending activation (no password) named after its id, with an email.</summary>
    public User AddPending(string id, params Membership[] memberships) =>
        Passwords.AddUser(TestData.User(id, memberships), password: null);

    /// <summary>Arranges an active account (with a password).</summary>
    public User AddActive(string id, params Membership[] memberships) =>
        Passwords.AddUser(TestData.User(id, memberships), password: "Correct-Horse-Battery-9");

    /// <summary>How long a sender holds an account while it emails a link (<see cref="PasswordSettings.LinkEmailClaimTimeout"/>).</summary>
    public TimeSpan ClaimTimeout => Passwords.Settings.LinkEmailClaimTimeout;

    /// <summary>
    /// Arranges the claim of another sender on <paramref name="userId"/>'s account, as if it were emailing it the link
    /// <paramref name="linkId"/> now (an activation link unless <paramref name="purpose"/> says otherwise).
    /// </summary>
    public void Claim(string userId, string linkId, DateTimeOffset until, ResetLinkPurpose purpose = ResetLinkPurpose.Activation)
    {
        var user = Users[userId];
        Users.Add(user with { LinkEmailClaim = new LinkEmailClaim(linkId, purpose, until) });
    }

    public IReadOnlyList<EmailMessage> EmailsTo(string userId) => Email.Sent.Where(m => m.To == userId + "@example.com").ToList();

    /// <summary>Hands every waiting fan-out message to the fan-out function, as the runner would.</summary>
    public async Task FanOutAsync()
    {
        foreach (var fanOut in Queue.TakeFanOuts())
        {
            await Batches.FanOutAsync(fanOut, CancellationToken.None);
        }
    }

    /// <summary>Fans out, then hands every visible queued message to the queue function, as the runner would; returns their outcomes.</summary>
    public async Task<IReadOnlyList<WelcomeKitOutcome>> DeliverQueuedAsync()
    {
        await FanOutAsync();
        var outcomes = new List<WelcomeKitOutcome>();
        foreach (var request in Queue.TakeVisible())
        {
            outcomes.Add(await Batches.HandleAsync(request, CancellationToken.None));
        }

        return outcomes;
    }
}
