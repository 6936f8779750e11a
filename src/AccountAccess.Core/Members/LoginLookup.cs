using AccountAccess.Core.Accounts;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;

namespace AccountAccess.Core.Members;

/// <summary>
/// Finds the user a ticket names (API.md "Finding people", GET /api/users?login=): an exact match on a username, a main
/// email or a secondary email, normalised as logins are. The operator finds anyone; an administrator only users of its
/// organizations, and sees only those memberships: anyone else is answered as if nobody held the name, in as much time.
/// </summary>
public sealed class LoginLookup(IUserStore users)
{
    // No account has this id: reading it costs what reading a real one does, so a name held elsewhere takes as long to
    // answer as a name held by nobody.
    private const string DecoyUserId = "usr_decoy";

    public async Task<Result<IReadOnlyList<FoundUser>>> FindAsync(Caller caller, string login, CancellationToken cancellationToken)
    {
        if (!AccessRules.MayFindUsers(caller))
        {
            return Failure.Of(ErrorCode.Forbidden);
        }

        var name = LoginName.Normalize(login);
        if (name.Length == 0)
        {
            return Failure.InvalidField("login", "a username or an email");
        }

        var userId = await users.FindHolderOfNameAsync(name, cancellationToken);
        var stored = await users.GetAsync(userId ?? DecoyUserId, cancellationToken);
        if (stored is null || AccessRules.ViewOf(caller, stored.Value, UserAction.View) is not { } view)
        {
            return Result<IReadOnlyList<FoundUser>>.From([]);
        }

        var seen = view.Of(stored.Value);
        return Result<IReadOnlyList<FoundUser>>.From(
            [new FoundUser(seen.Id, seen.Username, seen.DisplayName, seen.Memberships.Select(m => m.OrganizationId).ToList())]);
    }
}
