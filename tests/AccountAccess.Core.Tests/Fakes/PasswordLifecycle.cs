using AccountAccess.Core.TwoFactor;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Notifications.Holder;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Passwords.Rotation;
using AccountAccess.Core.SignIn;
using Microsoft.Extensions.Time.Testing;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>
/// The password lifecycle wired over in-memory stores, fake time and recorded email: reset links, changes, rotation
/// (its orchestration played in memory) and sign-in, as the app composes them. A low PBKDF2 iteration count keeps tests fast.
/// </summary>
public sealed class PasswordLifecycle
{
    public PasswordLifecycle(PasswordSettings? settings = null)
    {
        Settings = settings ?? new PasswordSettings();
        Time = new FakeTimeProvider(TestData.Start);
        Updater = new UserUpdater(Users, Time);
        Rotation = new PasswordRotation(Users, Organizations, Updater, Email, Settings, Time);
        Rotations = new InMemoryPasswordRotations(() => Rotation, Time);
        SignIn = new SignInHandler(Users, Organizations, Hashing, Tokens, Updater, new LockoutSettings(), Settings, Challenges, new TwoFactorSettings(), Time);
        Holders = new HolderNotifier(Email, Updater, Settings, Time);
        ForgotRequests = new RecordingForgotPasswordQueue(Time);
        LinkEmails = new LinkEmails(Updater, Email, Links, Settings, Time);
        Reset = new PasswordReset(Users, Organizations, Updater, Hashing, LinkEmails, Links, Rotations, ForgotRequests, Settings, Time, Holders);
        StepUp = new StepUp(Users, Organizations, Hashing, Updater, new LockoutSettings(), Time);
        Change = new PasswordChange(Users, Organizations, Updater, Hashing, Rotations, SignIn, StepUp, Holders, Settings, new LockoutSettings(), Time);
    }

    public static PasswordHashing Hashing { get; } = new(1000);

    public PasswordSettings Settings { get; }

    public FakeTimeProvider Time { get; }

    public InMemoryUserStore Users { get; } = new();

    public InMemoryChallengeStore Challenges { get; } = new();

    public InMemoryOrganizationStore Organizations { get; } = new();

    public RecordingEmailSender Email { get; } = new();

    public RecordingResetLinkTracker Links { get; } = new();

    /// <summary>The forgot-password queue: what the queue function puts back for later (<see cref="PasswordReset.HandleAsync"/>).</summary>
    public RecordingForgotPasswordQueue ForgotRequests { get; }

    public LinkEmails LinkEmails { get; }

    public FakeAccessTokenIssuer Tokens { get; } = new();

    public UserUpdater Updater { get; }

    public PasswordRotation Rotation { get; }

    public InMemoryPasswordRotations Rotations { get; }

    public SignInHandler SignIn { get; }

    public StepUp StepUp { get; }

    /// <summary>Tells holders about changes, by <see cref="Email"/>.</summary>
    public HolderNotifier Holders { get; }

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
    public string LastTokenSentTo(string email) => TokenIn(Email.Sent.Last(m => m.To == email));

    /// <summary>The token of the link in <paramref name="message"/> (the text after <c>token=</c>).</summary>
    public static string TokenIn(Core.Notifications.EmailMessage message)
    {
        var link = message.TextBody.Split('\n').Single(line => line.Contains("token=", StringComparison.Ordinal));
        return Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..].Trim());
    }

    /// <summary>Moves fake time on by <paramref name="by"/> and runs every rotation step then due, as the timers would.</summary>
    public Task<int> AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        return Rotations.RunDueAsync();
    }

    public RotationInstance? RotationInstance(string userId) => Rotations[userId];
}
