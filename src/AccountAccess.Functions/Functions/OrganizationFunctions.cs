using AccountAccess.Core.Accounts;
using AccountAccess.Core.Organizations;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Triggers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountAccess.Functions.Functions;

/// <summary>Provisioning organizations, their units and their users (API.md "Operator provisioning").</summary>
public static class OrganizationFunctions
{
    public static void MapOrganizationFunctions(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/organizations").AddEndpointFilter<RequireCallerFilter>();
        api.MapPost("", CreateAsync).AsFunction("CreateOrganization");
        api.MapGet("/{orgId}", GetAsync).AsFunction("GetOrganization");
        api.MapPut("/{orgId}/policy", SetPolicyAsync).AsFunction("SetOrganizationPolicy");
        api.MapPost("/{orgId}/units", AddUnitAsync).AsFunction("AddUnit");
        api.MapPost("/{orgId}/users", CreateUserAsync).AsFunction("CreateUser");
        api.MapPost("/{orgId}/members", AddMemberAsync).AsFunction("AddMember");
        api.MapPost("/{orgId}/leave", LeaveServiceAsync).AsFunction("LeaveService");
    }

    public static async Task<Results<Created<OrganizationResponse>, ApiError>> CreateAsync(
        CreateOrganizationBody body, HttpContext http, OrganizationProvisioning organizations, CancellationToken cancellationToken)
    {
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

    public static async Task<Results<Ok<OrganizationResponse>, ApiError>> GetAsync(
        string orgId, HttpContext http, OrganizationProvisioning organizations, CancellationToken cancellationToken)
    {
        var result = await organizations.GetAsync(http.Caller(), orgId, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(OrganizationResponse.From(result.Value)) : new ApiError(result.Failure!);
    }

    public static async Task<Results<Ok<OrganizationPolicy>, ApiError>> SetPolicyAsync(
        string orgId, PolicyBody body, HttpContext http, OrganizationProvisioning organizations, CancellationToken cancellationToken)
    {
        var result = await organizations.SetPolicyAsync(http.Caller(), orgId, body.ToPolicy(), http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value.Policy) : new ApiError(result.Failure!);
    }

    public static async Task<Results<Created<UnitResponse>, ApiError>> AddUnitAsync(
        string orgId, NameBody body, HttpContext http, OrganizationProvisioning organizations, CancellationToken cancellationToken)
    {
        if (Require.Present(body.Name, "name") is { } missing)
        {
            return missing;
        }

        var result = await organizations.AddUnitAsync(http.Caller(), orgId, body.Name!, http.RequestContext(), cancellationToken);
        return result.Succeeded
            ? TypedResults.Created($"/api/organizations/{orgId}/units/{result.Value.Id}", new UnitResponse(result.Value.Id, result.Value.Name))
            : new ApiError(result.Failure!);
    }

    public static async Task<Results<Created<CreatedUserResponse>, ApiError>> CreateUserAsync(
        string orgId, UserBody body, HttpContext http, UserProvisioning users, TimeProvider time, CancellationToken cancellationToken)
    {
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

    public static async Task<Results<Created<MembershipResponse>, ApiError>> AddMemberAsync(
        string orgId, AddMemberBody body, HttpContext http, UserProvisioning users, CancellationToken cancellationToken)
    {
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

    public static async Task<Results<NoContent, ApiError>> LeaveServiceAsync(
        string orgId, HttpContext http, OrganizationProvisioning organizations, CancellationToken cancellationToken)
    {
        var result = await organizations.LeaveServiceAsync(http.Caller(), orgId, http.RequestContext(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : new ApiError(result.Failure!);
    }
}
