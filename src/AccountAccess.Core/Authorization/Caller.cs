using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;

namespace AccountAccess.Core.Authorization;

/// <summary>Who is calling an administrative route: the platform operator, or a signed-in user (as stored now).</summary>
public abstract record Caller
{
    public abstract Actor Actor { get; }

    /// <summary>
    /// An operator: the automation holding <c>Operator:ApiKey</c> (<see cref="Instance"/>), or a person of the support team
    /// signed in (<see cref="SupportAccount"/>), whose actions the trail records under its own user id.
    /// </summary>
    public sealed record Operator : Caller
    {
        private Operator(User? supportAccount) => SupportAccount = supportAccount;

        /// <summary>The operator key.</summary>
        public static Operator Instance { get; } = new(supportAccount: null);

        /// <summary>The support account acting; null for the key.</summary>
        public User? SupportAccount { get; }

        public override Actor Actor => SupportAccount is { } person ? new Actor(ActorKind.Operator, person.Id) : Actor.Operator;

        /// <summary><paramref name="person"/> acting as an operator (see <see cref="SupportTeam"/>).</summary>
        public static Operator Of(User person) => new(person);
    }

    /// <summary>A user signed in with an access token of the session <paramref name="SessionId"/> (none for the restricted tokens).</summary>
    public sealed record SignedInUser(User User, string? SessionId = null) : Caller
    {
        public override Actor Actor => Actor.ForUser(User.Id);
    }
}
