using AccountAccess.Core.TwoFactor;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Passwords.Rotation;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Workflows;
using Microsoft.Extensions.Time.Testing;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>
/// The password lifecycle wired over in-memory stores, fake time, recorded timers and recorded email: reset links,
/// changes, rotation and sign-in, as the app composes them. A low PBKDF2 iteration count keeps tests fast.
/// </summary>
public sealed class PasswordLifecycle
{
    public PasswordLifecycle(PasswordSettings? settings = null, TimeSpan? maxDelay = null)
    {
        Settings = settings ?? new PasswordSettings();
        Time = new FakeTimeProvider(TestData.Start);
        Timers = new RecordingDurableTimers(Time) { MaxDelay = maxDelay ?? TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1) };
        Updater = new UserUpdater(Users, Time);
        IWorkflow[] workflows =
        [
            new PasswordRotationWorkflow(Users, Organizations, Updater, Email, Settings),
        ];
        Runtime = new WorkflowRuntime(Workflows, Timers, workflows, new WorkflowSettings(), Time);
        SignIn = new SignInHandler(Users, Organizations, Hashing, Tokens, Updater, new LockoutSettings(), Settings, Challenges, new TwoFactorSettings(), Time);
        Reset = new PasswordReset(Users, Organizations, Updater, Hashing, Email, Links, Runtime, Settings, Time);
        Change = new PasswordChange(Users, Organizations, Updater, Hashing, Runtime, SignIn, Settings, new LockoutSettings(), Time);
    }

    public static PasswordHashing Hashing { get; } = new(1000);

    public PasswordSettings Settings { get; }

    public FakeTimeProvider Time { get; }

    public InMemoryUserStore Users { get; } = new();

    public InMemoryChallengeStore Challenges { get; } = new();


    public InMemoryOrganizationStore Organizations { get; } = new();

    public InMemoryWorkflowStore Workflows { get; } = new();

    public RecordingDurableTimers Timers { get; }

    public RecordingEmailSender Email { get; } = new();

    public RecordingResetLinkTracker Links { get; } = new();

    public FakeAccessTokenIssuer Tokens { get; } = new();

    public UserUpdater Updater { get; }

    public WorkflowRuntime Runtime { get; }

    public SignInHandler SignIn { get; }

    public PasswordReset Reset { get; }

    public PasswordChange Change { get; }

    /// <summary>Arranges a user whose password is <paramref name="password"/>, set at the current fake time.</summary>
    public User AddUser(User user, string? password)
    {
        var stored = user with
        {
            Password = password is null ? null : new StoredPassword(Hashing.Hash(password), Time.GetUtcNow(), Temporary: false),
        };
        Users.Add(stored);
        return stored;
    }

    /// <summary>The token of the link in the last email sent to <paramref name="email"/> (the text after <c>token=</c>).</summary>
    public string LastTokenSentTo(string email)
    {
        var message = Email.Sent.Last(m => m.To == email);
        var link = message.TextBody.Split('\n').Single(line => line.Contains("token=", StringComparison.Ordinal));
        return Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..].Trim());
    }

    /// <summary>Moves fake time on by <paramref name="by"/> and delivers every timer then due, as the queue would.</summary>
    public async Task<IReadOnlyList<TimerOutcome>> AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        var outcomes = new List<TimerOutcome>();
        for (var round = 0; round < 100; round++)
        {
            var delivered = await Timers.DeliverDueAsync(Runtime);
            if (delivered.Count == 0)
            {
                break;
            }

            outcomes.AddRange(delivered);
        }

        return outcomes;
    }

    public WorkflowInstance? RotationInstance(string userId) => Workflows[PasswordRotationWorkflow.WorkflowName, userId];
}
