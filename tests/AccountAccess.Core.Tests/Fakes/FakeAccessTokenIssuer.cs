using AccountAccess.Core.Accounts;
using AccountAccess.Core.SignIn;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>Issues recognisable tokens valid one hour, and remembers what it issued.</summary>
public sealed class FakeAccessTokenIssuer : IAccessTokenIssuer
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly List<(User User, SignInGrant Grant)> issued = [];

    public IReadOnlyList<(User User, SignInGrant Grant)> Issued => issued;

    public AccessToken Issue(User user, SignInGrant grant, DateTimeOffset now)
    {
        issued.Add((user, grant));
        return new AccessToken($"token:{user.Id}:{user.SecurityStamp}", now + Lifetime);
    }

    public AccessToken IssueRestricted(User user, TokenPurpose purpose, SignInAttempt attempt, DateTimeOffset now) =>
        new($"{purpose}:{user.Id}:{user.SecurityStamp}", now + TimeSpan.FromMinutes(10));
}
