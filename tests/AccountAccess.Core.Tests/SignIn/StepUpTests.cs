using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Tests.Fakes;
using static AccountAccess.Core.Tests.TestData;

namespace AccountAccess.Core.Tests.SignIn;

/// <summary>The password again before a sensitive change: a wrong one is a failed sign-in, with sign-in's lockout and hash queue.</summary>
public class StepUpTests
{
    private const string Password = "violet-harbour-42";

    private static readonly RequestContext FromSession = new(Actor.ForUser("usr_jean"), "198.51.100.4");

    private readonly PasswordLifecycle world = new();
    private readonly CountingAdmission admission = new();
    private readonly StepUp stepUp;

    public StepUpTests()
    {
        world.Organizations.Add(Organization("org_a", OrganizationPolicy.Default with { MaxFailedAttempts = 3 }));
        world.AddUser(User("usr_jean", Member("org_a", Role.Employee, "unit_1")), Password);
        stepUp = new StepUp(world.Users, world.Organizations, PasswordLifecycle.Hashing, world.Updater, new LockoutSettings(), world.Time, admission);
    }

    private Task<(Failure? Failure, User? LockedNow)> ProveAsync(string password) =>
        stepUp.ProveAsync("usr_jean", password, FromSession, CancellationToken.None);

    [Fact]
    public async Task The_right_password_is_proven()
    {
        var (failure, lockedNow) = await ProveAsync(Password);

        Assert.Null(failure);
        Assert.Null(lockedNow);
    }

    [Fact]
    public async Task A_wrong_password_is_invalid_credentials_and_counts_as_a_failed_sign_in_from_the_session()
    {
        var (failure, _) = await ProveAsync("wrong-password-1");

        Assert.Equal(ErrorCode.InvalidCredentials, failure?.Code);
        Assert.Equal(1, world.Users["usr_jean"].FailedAttempts.Count);
        var counted = Assert.Single(world.Users.EventsOf("usr_jean"), e => e.Action == AuditAction.SignInFailed);
        Assert.Equal(Actor.ForUser("usr_jean"), counted.Actor);
        Assert.Equal("198.51.100.4", counted.Ip);
    }

    [Fact]
    public async Task Wrong_passwords_reaching_the_policys_limit_deactivate_the_account_as_sign_in_does()
    {
        await ProveAsync("wrong-password-1");
        await ProveAsync("wrong-password-2");

        var (_, lockedNow) = await ProveAsync("wrong-password-3");

        Assert.Equal(DeactivationReason.TooManyAttempts, world.Users["usr_jean"].Deactivation?.Reason);
        Assert.Equal("usr_jean", lockedNow?.Id);
    }

    [Fact]
    public async Task The_right_password_starts_the_count_again()
    {
        await ProveAsync("wrong-password-1");

        await ProveAsync(Password);

        Assert.Equal(0, world.Users["usr_jean"].FailedAttempts.Count);
    }

    [Fact]
    public async Task Each_check_takes_its_turn_at_the_cores_like_a_sign_in()
    {
        await ProveAsync(Password);
        await ProveAsync("wrong-password-1");

        Assert.Equal(["198.51.100.4", "198.51.100.4"], admission.Admitted);
    }

    private sealed class CountingAdmission : IHashAdmission
    {
        public List<string?> Admitted { get; } = [];

        public ValueTask<IDisposable> AdmitAsync(string? sourceIp, SignInTrust trust, CancellationToken cancellationToken)
        {
            Admitted.Add(sourceIp);
            return ValueTask.FromResult<IDisposable>(new Lease());
        }

        private sealed class Lease : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
