using AccountAccess.Core.Accounts;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Members;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Features;

/// <summary>
/// Finding people (API.md "Finding people"): an organization's members by the start of a name, status, role and unit, in
/// pages; a user by the exact login or email a ticket gives; and, for operators, the index these read rebuilt from the
/// accounts on record.
/// </summary>
public sealed class MemberFunctions(MemberSearch search, LoginLookup lookup, MemberIndexRebuild rebuild)
{
    /// <summary>
    /// <c>?q=&amp;status=&amp;role=&amp;unitId=&amp;max=50&amp;continuationToken=</c>: administrators and operators see every
    /// member, a supervisor the members of its units.
    /// </summary>
    [Function(nameof(ListMembers))]
    [OpenApiOperation("An organization's members by the start of a name, status, role and unit, in pages, with their blockers", ErrorCode.InvalidRequest)]
    [RequiresCaller]
    [ActsOnOrganization(OrganizationAction.ListMembers)]
    [ReadsQuery(typeof(MemberListQuery))]
    public async Task<Results<Ok<MemberListResponse>, ApiError>> ListMembers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "organizations/{orgId}/members")] HttpRequest req,
        string orgId,
        CancellationToken cancellationToken)
    {
        if (QueryValue.Read<MemberListQuery>(req, out var query) is { } invalid)
        {
            return invalid;
        }

        var request = new MemberSearchRequest(
            query.Q, query.Status, query.Role, query.UnitId is { Length: > 0 } unitId ? unitId : null, query.Max ?? MemberSearch.DefaultMax,
            query.ContinuationToken is { Length: > 0 } token ? token : null);
        var result = await search.SearchAsync(req.HttpContext.Caller(), orgId, request, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(MemberListResponse.From(result.Value)) : new ApiError(result.Failure!);
    }

    /// <summary>
    /// <c>?login=</c>: the user whose username, main email or secondary email it is (an exact match, normalised as logins
    /// are). Operators find anyone; an administrator only users of its organizations — anyone else is not found.
    /// </summary>
    [Function(nameof(FindUsers))]
    [OpenApiOperation("The user holding a username, main email or secondary email", ErrorCode.InvalidRequest)]
    [RequiresCaller]
    [ReadsQuery(typeof(LoginLookupQuery))]
    public async Task<Results<Ok<FoundUsersResponse>, ApiError>> FindUsers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        // Who may ask comes before what they ask: the same 403 whatever the query holds.
        var caller = req.HttpContext.Caller();
        if (!AccessRules.MayFindUsers(caller))
        {
            return ApiError.Of(ErrorCode.Forbidden);
        }

        if (QueryValue.Read<LoginLookupQuery>(req, out var query) is { } twice)
        {
            return twice;
        }

        if (string.IsNullOrWhiteSpace(query.Login))
        {
            return ApiError.InvalidField("login", "a username or an email");
        }

        var result = await lookup.FindAsync(caller, query.Login, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(new FoundUsersResponse(result.Value)) : new ApiError(result.Failure!);
    }

    /// <summary>
    /// Starts a rebuild of the member index from the accounts on record — of one organization (<c>organizationId</c>), or
    /// of every one without it — in the background (docs/operator.md, "Rebuilding the member index"); asked again while it
    /// runs, joins it. 202 with the workflow to follow (<c>Location</c>: <c>/api/workflows/MemberIndexRebuild/{id}</c>).
    /// </summary>
    [Function(nameof(RebuildMemberIndex))]
    [OpenApiOperation("Rebuild the member index from the accounts on record, of one organization or all, in the background", ErrorCode.NotFound)]
    [RequiresOperator]
    public async Task<Results<Accepted<MemberIndexRebuildResponse>, ApiError>> RebuildMemberIndex(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "member-index/rebuilds")] HttpRequest req,
        [FromBody] MemberIndexRebuildBody? body,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        var organizationId = body?.OrganizationId;
        if (organizationId is { Length: 0 })
        {
            return ApiError.InvalidField("organizationId", "an organization id, or no organizationId for every organization");
        }

        var result = await rebuild.RequestAsync(http.Caller(), organizationId, http.RequestContext(), cancellationToken);
        if (!result.Succeeded)
        {
            return new ApiError(result.Failure!);
        }

        var workflow = Orchestrations.MemberIndexRebuilds.MemberIndexRebuildOrchestrator.Name;
        return TypedResults.Accepted($"/api/workflows/{workflow}/{result.Value.Id}", new MemberIndexRebuildResponse(workflow, result.Value.Id, result.Value.Started));
    }
}
