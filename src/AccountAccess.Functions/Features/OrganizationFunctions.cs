using AccountAccess.Core.Authorization;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace AccountAccess.Functions.Features;

/// <summary>Provisioning organizations, their units and their users (API.md "Operator provisioning").</summary>
public sealed class OrganizationFunctions(OrganizationProvisioning organizations, UserProvisioning users, TimeProvider time)
{
    [Function(nameof(CreateOrganization))]
    [OpenApiOperation("Create an organization with its policy")]
    [RequiresOperator]
    public async Task<Results<Created<OrganizationResponse>, ApiError>> CreateOrganization(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "organizations")] HttpRequest req,
        [FromBody] CreateOrganizationBody body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if (Require.Present(body.Name, "name") is { } missing)
        {
            return missing;
        }

        var policy = body.Policy?.ToPolicy() ?? OrganizationPolicy.Default;
        var result = await organizations.CreateAsync(http.Caller(), body.Name!, body.PrimaryContactEmail, policy, http.RequestContext(), cancellationToken);
        return result.Succeeded
            ? TypedResults.Created($"/api/organizations/{result.Value.Id}", OrganizationResponse.From(result.Value))
            : new ApiError(result.Failure!);
    }

    [Function(nameof(GetOrganization))]
    [OpenApiOperation("Read an organization: status, policy and billing")]
    [RequiresCaller]
    [ActsOnOrganization(OrganizationAction.View)]
    public async Task<Results<Ok<OrganizationResponse>, ApiError>> GetOrganization(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "organizations/{orgId}")] HttpRequest req,
        string orgId,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        var result = await organizations.GetAsync(http.Caller(), orgId, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(OrganizationResponse.From(result.Value)) : new ApiError(result.Failure!);
    }

    [Function(nameof(GetOrganizationEvents))]
    [OpenApiOperation("Read an organization's audit trail, newest first")]
    [RequiresCaller]
    [ActsOnOrganization(OrganizationAction.ViewEvents)]
    public async Task<Results<Ok<AuditTrailResponse>, ApiError>> GetOrganizationEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "organizations/{orgId}/events")] HttpRequest req,
        string orgId,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        var result = await organizations.GetEventsAsync(http.Caller(), orgId, AdministrationFunctions.MaxEvents, cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(AuditTrailResponse.From(result.Value))
            : new ApiError(result.Failure!);
    }

    [Function(nameof(SetOrganizationPolicy))]
    [OpenApiOperation("Set an organization's policy")]
    [RequiresCaller]
    [ActsOnOrganization(OrganizationAction.ChangePolicy)]
    public async Task<Results<Ok<OrganizationPolicy>, ApiError>> SetOrganizationPolicy(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "organizations/{orgId}/policy")] HttpRequest req,
        string orgId,
        [FromBody] PolicyBody body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        var result = await organizations.SetPolicyAsync(http.Caller(), orgId, body.ToPolicy(), http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value.Policy) : new ApiError(result.Failure!);
    }

    [Function(nameof(AddUnit))]
    [OpenApiOperation("Add a unit to an organization")]
    [RequiresCaller]
    [ActsOnOrganization(OrganizationAction.AddUnit)]
    public async Task<Results<Created<UnitResponse>, ApiError>> AddUnit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "organizations/{orgId}/units")] HttpRequest req,
        string orgId,
        [FromBody] NameBody body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if (Require.Present(body.Name, "name") is { } missing)
        {
            return missing;
        }

        var result = await organizations.AddUnitAsync(http.Caller(), orgId, body.Name!, http.RequestContext(), cancellationToken);
        return result.Succeeded
            ? TypedResults.Created($"/api/organizations/{orgId}/units/{result.Value.Id}", new UnitResponse(result.Value.Id, result.Value.Name))
            : new ApiError(result.Failure!);
    }

    [Function(nameof(CreateUser))]
    [OpenApiOperation("Create a user in an organization", ErrorCode.LoginTaken, ErrorCode.PasswordPolicy)]
    [RequiresCaller]
    [ActsOnOrganization(OrganizationAction.CreateUser)]
    public async Task<Results<Created<CreatedUserResponse>, ApiError>> CreateUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "organizations/{orgId}/users")] HttpRequest req,
        string orgId,
        [FromBody] UserBody body,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if ((Require.Present(body.Username, "username") ?? Require.Present(body.DisplayName, "displayName") ?? Require.Present(body.Role, "role")
            ?? Require.NoNulls(body.SecondaryEmails, "secondaryEmails") ?? Require.NoNulls(body.UnitIds, "unitIds")) is { } missing)
        {
            return missing;
        }

        if (Require.PasswordInput(body.Password, "password") is { } tooLong)
        {
            return tooLong;
        }

        var request = new NewUser(
            body.Username!,
            body.DisplayName!,
            body.Role!.Value,
            body.Email,
            body.SecondaryEmails,
            body.Phone,
            body.UnitIds,
            body.Permissions,
            body.Password,
            body.Visible ?? true,
            body.DepartureDate,
            body.Locale ?? Locale.En,
            body.PreferredChannel ?? ContactChannel.Email);
        var result = await users.CreateAsync(http.Caller(), orgId, request, http.RequestContext(), cancellationToken);
        return result.Succeeded
            ? TypedResults.Created($"/api/users/{result.Value.Id}", new CreatedUserResponse(result.Value.Id, result.Value.Username, result.Value.StatusAt(time.GetUtcNow())))
            : new ApiError(result.Failure!);
    }

    [Function(nameof(AddMember))]
    [OpenApiOperation("Add an existing user to an organization", ErrorCode.InvalidState)]
    [RequiresCaller]
    [ActsOnOrganization(OrganizationAction.AddMember)]
    public async Task<Results<Created<MembershipResponse>, ApiError>> AddMember(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "organizations/{orgId}/members")] HttpRequest req,
        string orgId,
        [FromBody] AddMemberBody body,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        if ((Require.Present(body.UserId, "userId") ?? Require.Present(body.Role, "role") ?? Require.NoNulls(body.UnitIds, "unitIds")) is { } missing)
        {
            return missing;
        }

        var result = await users.AddMemberAsync(
            http.Caller(), orgId, body.UserId!, body.Role!.Value, body.UnitIds ?? [], body.Permissions ?? [], http.RequestContext(), cancellationToken);
        if (!result.Succeeded)
        {
            return new ApiError(result.Failure!);
        }

        var m = result.Value.MembershipIn(orgId)!;
        return TypedResults.Created(
            $"/api/users/{body.UserId}",
            new MembershipResponse(m.OrganizationId, m.Role, m.UnitIds, m.Permissions, m.AccessRevoked, m.AccessRevokedAt));
    }

    [Function(nameof(LeaveService))]
    [OpenApiOperation("Stop an organization's use of the service", ErrorCode.InvalidState)]
    [RequiresCaller]
    [ActsOnOrganization(OrganizationAction.LeaveService)]
    public async Task<Results<NoContent, ApiError>> LeaveService(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "organizations/{orgId}/leave")] HttpRequest req,
        string orgId,
        CancellationToken cancellationToken)
    {
        var http = req.HttpContext;
        var result = await organizations.LeaveServiceAsync(http.Caller(), orgId, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }
}
