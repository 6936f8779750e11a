using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Errors;

namespace AccountAccess.Core.Organizations;

/// <summary>The operator's side of organizations: create one, set its policy, add units, see it and its trail, and let it leave the service.</summary>
public sealed class OrganizationProvisioning(IOrganizationStore organizations, TimeProvider time)
{
    public async Task<Result<Organization>> CreateAsync(Caller caller, string name, string? primaryContactEmail, OrganizationPolicy policy, RequestContext context, CancellationToken cancellationToken)
    {
        if (caller is not Caller.Operator)
        {
            return Failure.Of(ErrorCode.Forbidden);
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            return Failure.InvalidField("name", "1 to 200 characters");
        }

        if (ContactRules.CheckEmail(primaryContactEmail, "primaryContactEmail") is { } badEmail)
        {
            return badEmail;
        }

        if (CheckPolicy(policy) is { } badPolicy)
        {
            return badPolicy;
        }

        var now = time.GetUtcNow();
        var organization = new Organization
        {
            Id = Ids.NewOrganizationId(),
            Name = name.Trim(),
            PrimaryContactEmail = primaryContactEmail,
            Policy = policy,
            CreatedAt = now,
        };
        await organizations.CreateAsync(organization, AuditEvent.Create(AuditAction.OrganizationCreated, context, now), cancellationToken);
        return organization;
    }

    public async Task<Result<Organization>> GetAsync(Caller caller, string organizationId, CancellationToken cancellationToken)
    {
        if (!AccessRules.Allows(caller, organizationId, OrganizationAction.View))
        {
            return Failure.Of(ErrorCode.Forbidden);
        }

        var stored = await organizations.GetAsync(organizationId, cancellationToken);
        return stored is null ? Failure.Of(ErrorCode.NotFound) : stored.Value;
    }

    /// <summary>
    /// The organization's own trail, newest first: what was done to the organization rather than to one member (created,
    /// policy changes, units, welcome-kit batches, billing, and <c>user_deleted</c>, which outlives the user's own trail).
    /// </summary>
    public async Task<Result<IReadOnlyList<AuditEvent>>> GetEventsAsync(Caller caller, string organizationId, int max, CancellationToken cancellationToken)
    {
        if (!AccessRules.Allows(caller, organizationId, OrganizationAction.ViewEvents))
        {
            return Failure.Of(ErrorCode.Forbidden);
        }

        if (await organizations.GetAsync(organizationId, cancellationToken) is null)
        {
            return Failure.Of(ErrorCode.NotFound);
        }

        return Result<IReadOnlyList<AuditEvent>>.From(await organizations.GetEventsAsync(organizationId, max, cancellationToken));
    }

    public Task<Result<Organization>> SetPolicyAsync(Caller caller, string organizationId, OrganizationPolicy policy, RequestContext context, CancellationToken cancellationToken) =>
        !AccessRules.Allows(caller, organizationId, OrganizationAction.ChangePolicy) ? Task.FromResult<Result<Organization>>(Failure.Of(ErrorCode.Forbidden))
        : CheckPolicy(policy) is { } bad ? Task.FromResult<Result<Organization>>(bad)
        : UpdateAsync(organizationId, organization =>
                new OrganizationChange(organization with { Policy = policy }, [AuditEvent.Create(AuditAction.PolicyChanged, context, time.GetUtcNow())]),
                cancellationToken);

    /// <summary>The organization stops using the service: every member loses access through it (<c>left_service</c>).</summary>
    public Task<Result<Organization>> LeaveServiceAsync(Caller caller, string organizationId, RequestContext context, CancellationToken cancellationToken) =>
        !AccessRules.Allows(caller, organizationId, OrganizationAction.LeaveService) ? Task.FromResult<Result<Organization>>(Failure.Of(ErrorCode.Forbidden))
        : UpdateAsync(organizationId, organization =>
        {
            if (organization.Status == OrganizationStatus.LeftService)
            {
                return Failure.Of(ErrorCode.InvalidState, ("reason", "already_left"));
            }

            var now = time.GetUtcNow();
            var left = organization with { Status = OrganizationStatus.LeftService, LeftServiceAt = now };
            return new OrganizationChange(left, [AuditEvent.Create(AuditAction.OrganizationLeftService, context, now)]);
        }, cancellationToken);

    public async Task<Result<Unit>> AddUnitAsync(Caller caller, string organizationId, string name, RequestContext context, CancellationToken cancellationToken)
    {
        if (!AccessRules.Allows(caller, organizationId, OrganizationAction.AddUnit))
        {
            return Failure.Of(ErrorCode.Forbidden);
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            return Failure.InvalidField("name", "1 to 200 characters");
        }

        if (await organizations.GetAsync(organizationId, cancellationToken) is null)
        {
            return Failure.Of(ErrorCode.NotFound);
        }

        var now = time.GetUtcNow();
        var unit = new Unit(Ids.NewUnitId(), organizationId, name.Trim(), now);
        var details = new Dictionary<string, string> { ["unitId"] = unit.Id, ["name"] = unit.Name };
        await organizations.AddUnitAsync(unit, AuditEvent.Create(AuditAction.UnitCreated, context, now, details: details), cancellationToken);
        return unit;
    }

    private static Failure? CheckPolicy(OrganizationPolicy policy) =>
        policy.Violations().Select(v => Failure.InvalidField(v.Field, v.Problem)).FirstOrDefault();

    private Task<Result<Organization>> UpdateAsync(string organizationId, Func<Organization, Result<OrganizationChange>> decide, CancellationToken cancellationToken) =>
        OptimisticRetry.RunAsync<Result<Organization>>(async ct =>
        {
            var current = await organizations.GetAsync(organizationId, ct);
            if (current is null)
            {
                return Failure.Of(ErrorCode.NotFound);
            }

            var decided = decide(current.Value);
            if (!decided.Succeeded)
            {
                return decided.Failure!;
            }

            var saved = await organizations.SaveAsync(current, decided.Value.Updated, decided.Value.Events, ct);
            return saved.Value;
        }, time, cancellationToken);
}
