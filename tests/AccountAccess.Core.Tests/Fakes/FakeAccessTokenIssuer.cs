using AccountAccess.Core.Accounts;
using AccountAccess.Core.SignIn;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>Issues recognisable tokens valid 15 minutes (or until the session's end), and remembers what it issued.</summary>
public sealed class FakeAccessTokenIssuer : IAccessTokenIssuer
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private readonly List<(User User, SignInGrant Grant, string SessionId)> issued = [];

    public IReadOnlyList<(User User, SignInGrant Grant, string SessionId)> Issued => issued;

    public AccessToken Issue(User user, SignInGrant grant, string sessionId, DateTimeOffset now, DateTimeOffset notAfter)
    {
        issued.Add((user, grant, sessionId));
        var end = now + Lifetime;
        return new AccessToken($"token:{user.Id}:{sessionId}:{user.SecurityStamp}", notAfter < end ? notAfter : end);
    }

    public AccessToken IssueRestricted(User user, TokenPurpose purpose, SignInAttempt attempt, DateTimeOffset now) =>
        new($"{purpose}:{user.Id}:{user.SecurityStamp}", now + TimeSpan.FromMinutes(10));
}
