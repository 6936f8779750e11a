using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;

namespace AccountAccess.Core.Members;

/// <summary>
/// Lists and searches an organization's members (API.md "Finding people"): the operator and the organization's
/// administrators see every member, a supervisor those of its units (never an administrator); each member with its status
/// and blockers, from the member index alone. Who may ask is decided before what they ask is read.
/// </summary>
public sealed class MemberSearch(IMemberDirectory directory, IOrganizationStore organizations, PasswordSettings settings, TimeProvider time)
{
    /// <summary>Members per page unless <c>max</c> says otherwise.</summary>
    public const int DefaultMax = 50;

    /// <summary>The most members one page may hold.</summary>
    public const int MaxPerPage = 200;

    public async Task<Result<MemberList>> SearchAsync(Caller caller, string organizationId, MemberSearchRequest request, CancellationToken cancellationToken)
    {
        if (AccessRules.MemberScopeOf(caller, organizationId) is not { } scope)
        {
            return Failure.Of(ErrorCode.Forbidden);
        }

        var organization = await organizations.GetAsync(organizationId, cancellationToken);
        if (organization is null)
        {
            return Failure.Of(ErrorCode.NotFound);
        }

        if (request.Max is < 1 or > MaxPerPage)
        {
            return Failure.InvalidField("max", $"from 1 to {MaxPerPage}");
        }

        if (request.UnitId is { } unitId && (await organizations.GetUnitsAsync(organizationId, cancellationToken)).All(u => u.Id != unitId))
        {
            return Failure.InvalidField("unitId", "no such unit in this organization");
        }

        var now = time.GetUtcNow();
        var prefix = request.Query is null ? null : SearchText.Normalize(request.Query);
        var query = new MemberQuery(prefix is { Length: > 0 } ? prefix : null, request.Status, request.Role, request.UnitId, scope, now)
        {
            Passwords = PasswordAging.For(organization.Value, settings),
        };
        string? after = null;
        if (request.ContinuationToken is { } token && (after = MemberCursor.Read(token, organizationId, query)) is null)
        {
            return Failure.InvalidField("continuationToken", "not a token of this search");
        }

        MemberPage page;
        try
        {
            page = await directory.FindAsync(organizationId, query, request.Max, after, cancellationToken);
        }
        catch (ArgumentException)
        {
            return Failure.InvalidField("continuationToken", "not a token of this search");
        }

        var members = page.Members
            .Select(m => new ListedMember(m, MemberStatuses.PrimaryAt(m, now), MemberBlockers.Of(m, organization.Value, now, settings)))
            .ToList();
        return new MemberList(members, page.Next is null ? null : MemberCursor.Write(page.Next, organizationId, query));
    }
}
