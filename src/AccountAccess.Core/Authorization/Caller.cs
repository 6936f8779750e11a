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

    public sealed record SignedInUser(User User) : Caller
    {
        public override Actor Actor => Actor.ForUser(User.Id);
    }
}
