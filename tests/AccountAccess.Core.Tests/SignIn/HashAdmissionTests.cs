using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.TwoFactor;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.SignIn;

/// <summary>
/// Every sign-in's hash — the real one of a known login, the decoy of an unknown one — waits for its turn at the cores
/// the same way, from the same source IP, and holds its turn only while it hashes.
/// </summary>
public class HashAdmissionTests
{
    private readonly PasswordLifecycle world = new();
    private readonly RecordingAdmission admission = new();
    private readonly SignInHandler signIn;

    public HashAdmissionTests()
    {
        world.Organizations.Add(Organization("org_a"));
        world.AddUser(User("usr_jean", Member("org_a", Role.Employee, "unit_1")), "violet-harbour-42");
        signIn = new SignInHandler(world.Users, world.Organizations, PasswordLifecycle.Hashing, world.Tokens, world.Updater, new LockoutSettings(),
            world.Settings, world.Challenges, new TwoFactorSettings(), world.Time, admission);
    }

    private Task<Result<SignedIn>> SignInAsync(string login, string password) =>
        signIn.SignInAsync(new SignInRequest(login, password, new SignInAttempt(Portal.Employee, null)), new RequestContext(Actor.Anonymous, "198.51.100.4"), CancellationToken.None);

    [Theory]
    [InlineData("usr_jean", "violet-harbour-42")]
    [InlineData("usr_jean", "wrong-password-1")]
    [InlineData("usr_nobody", "violet-harbour-42")]
    public async Task Known_and_unknown_logins_take_one_turn_each_from_their_ip(string login, string password)
    {
        await SignInAsync(login, password);

        Assert.Equal(["198.51.100.4"], admission.Admitted);
        Assert.Equal(0, admission.Held);
    }

    [Theory]
    [InlineData("violet-harbour-42")]
    [InlineData("wrong-password-1")]
    public async Task A_locked_account_takes_a_decoy_turn_whatever_the_password(string password)
    {
        world.Users.Add(world.Users["usr_jean"] with
        {
            Deactivation = new Deactivation(DeactivationReason.TooManyAttempts, world.Time.GetUtcNow(), null, Actor.System),
        });

        await SignInAsync("usr_jean", password);

        Assert.Equal(["198.51.100.4"], admission.Admitted);
        Assert.Equal(1, world.Users.DecoyFailureCount);
    }

    private sealed class RecordingAdmission : IHashAdmission
    {
        public List<string?> Admitted { get; } = [];

        public int Held { get; private set; }

        public List<SignInTrust> Trust { get; } = [];

        public ValueTask<IDisposable> AdmitAsync(string? sourceIp, SignInTrust trust, CancellationToken cancellationToken)
        {
            Admitted.Add(sourceIp);
            Trust.Add(trust);
            Held++;
            return ValueTask.FromResult<IDisposable>(new Lease(this));
        }

        private sealed class Lease(RecordingAdmission owner) : IDisposable
        {
            public void Dispose() => owner.Held--;
        }
    }
}
