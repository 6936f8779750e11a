using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;

namespace AccountAccess.Core.Authorization;

/// <summary>Who is calling an administrative route: the platform operator, or a signed-in user (as stored now).</summary>
public abstract record Caller
{
    public abstract Actor Actor { get; }

    public sealed record Operator : Caller
    {
        public static Operator Instance { get; } = new();

        public override Actor Actor => Actor.Operator;
    }

    /// <summary>A user signed in with an access token of the session <paramref name="SessionId"/> (none for the restricted tokens).</summary>
    public sealed record SignedInUser(User User, string? SessionId = null) : Caller
    {
        public override Actor Actor => Actor.ForUser(User.Id);
    }
}
