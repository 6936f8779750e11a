using AccountAccess.Core.Audit;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Concurrency;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Notifications.Holder;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Passwords.Rotation;

namespace AccountAccess.Core.Accounts;

/// <summary>
/// Creating users, adding existing users to another organization, and editing the employee file. Usernames and every
/// email are unique service-wide (<c>409 login_taken</c>).
/// </summary>
public sealed class UserProvisioning(
    IUserStore users,
    IOrganizationStore organizations,
    UserUpdater updater,
    PasswordHashing hashing,
    IPasswordRotationTracker rotation,
    TimeProvider time,
    HolderNotifier? holders = null)
{
    public async Task<Result<User>> CreateAsync(Caller caller, string organizationId, NewUser request, RequestContext context, CancellationToken cancellationToken)
    {
        if (!AccessRules.Allows(caller, organizationId, OrganizationAction.CreateUser)
            || (request.Permissions ?? []).Any(p => !AccessRules.MayGrant(caller, p)))
        {
            return Failure.Of(ErrorCode.Forbidden);
        }

        var organization = await organizations.GetAsync(organizationId, cancellationToken);
        if (organization is null)
        {
            return Failure.Of(ErrorCode.NotFound);
        }

        var secondaryEmails = request.SecondaryEmails ?? [];
        var unitIds = request.UnitIds ?? [];
        var permissions = request.Permissions ?? [];
        var invalid = ContactRules.CheckUsername(request.Username)
            ?? ContactRules.CheckDisplayName(request.DisplayName)
            ?? ContactRules.CheckEmail(request.Email)
            ?? ContactRules.CheckSecondaryEmails(secondaryEmails)
            ?? ContactRules.CheckPhone(request.Phone)
            ?? CheckPermissions(request.Role, permissions)
            ?? await CheckUnitsAsync(organizationId, unitIds, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        StoredPassword? password = null;
        if (request.Password is not null)
        {
            var minLength = organization.Value.Policy.MinPasswordLength;
            var violations = PasswordRules.Check(request.Password, request.Username, minLength);
            if (violations.Count > 0)
            {
                return PasswordRules.ToFailure(violations, minLength);
            }

            password = new StoredPassword(hashing.Hash(request.Password), now, Temporary: false);
        }

        var user = new User
        {
            Id = Ids.NewUserId(),
            Username = request.Username.Trim(),
            DisplayName = request.DisplayName.Trim(),
            Email = request.Email?.Trim(),
            SecondaryEmails = secondaryEmails.Select(e => e.Trim()).ToList(),
            Phone = request.Phone,
            Locale = request.Locale,
            PreferredChannel = request.PreferredChannel,
            Visible = request.Visible,
            DepartureDate = request.DepartureDate,
            Password = password,
            SecurityStamp = SecurityStamps.New(),
            Memberships = [new Membership(organizationId, request.Role, unitIds.Distinct().ToList(), permissions.Distinct().ToList(), now)],
            CreatedAt = now,
        };

        if (DuplicateName(user) is { } duplicate)
        {
            return duplicate;
        }

        var details = new Dictionary<string, string> { ["organizationId"] = organizationId, ["role"] = request.Role.ToSnakeCase() };
        try
        {
            await users.CreateAsync(user, AuditEvent.Create(AuditAction.UserCreated, context, now, details: details), cancellationToken);
        }
        catch (UniqueKeyTakenException taken)
        {
            return LoginTaken(user, taken);
        }

        await rotation.TrackAsync(user, cancellationToken);
        return user;
    }

    /// <summary>Adds an existing user to another organization (a client of a second company).</summary>
    public async Task<Result<User>> AddMemberAsync(
        Caller caller, string organizationId, string userId, Role role, IReadOnlyList<string> unitIds, IReadOnlyList<Permission> permissions,
        RequestContext context, CancellationToken cancellationToken)
    {
        if (!AccessRules.Allows(caller, organizationId, OrganizationAction.AddMember))
        {
            return Failure.Of(ErrorCode.Forbidden);
        }

        if (await organizations.GetAsync(organizationId, cancellationToken) is null)
        {
            return Failure.Of(ErrorCode.NotFound);
        }

        if ((CheckPermissions(role, permissions) ?? await CheckUnitsAsync(organizationId, unitIds, cancellationToken)) is { } invalid)
        {
            return invalid;
        }

        var result = await updater.UpdateAsync(userId, user =>
        {
            if (user.MembershipIn(organizationId) is not null)
            {
                return Failure.Of(ErrorCode.InvalidState, ("reason", "already_member"));
            }

            var now = time.GetUtcNow();
            var membership = new Membership(organizationId, role, unitIds.Distinct().ToList(), permissions.Distinct().ToList(), now);
            var details = new Dictionary<string, string> { ["organizationId"] = organizationId, ["role"] = role.ToSnakeCase() };
            return new UserChange(
                user with { Memberships = [.. user.Memberships, membership] },
                [AuditEvent.Create(AuditAction.MembershipAdded, context, now, details: details)]);
        }, cancellationToken);
        return result.Failure?.Code == ErrorCode.NotFound ? Failure.InvalidField("userId", "no such user") : result;
    }

    /// <summary>
    /// Edits the employee file: the account's own fields (contact details, visibility, departure date, language) — which
    /// belong to the whole account (<see cref="AccessRules.BelongsToTheWholeAccount"/>) — and one membership's units and
    /// permissions. Authorization comes first: a caller who may not edit this person learns nothing from what the body holds.
    /// </summary>
    public async Task<Result<User>> UpdateAsync(Caller caller, string userId, UserPatch patch, RequestContext context, CancellationToken cancellationToken)
    {
        var stored = await users.GetAsync(userId, cancellationToken);
        if (stored is null)
        {
            return Failure.Of(caller is Caller.Operator ? ErrorCode.NotFound : ErrorCode.Forbidden);
        }

        if (AccessRules.Refusal(caller, stored.Value, UserAction.EditMembership) is { Code: ErrorCode.Forbidden } outsider)
        {
            return outsider;
        }

        var touchesAccount = patch.Email.IsPresent || patch.SecondaryEmails.IsPresent || patch.Phone.IsPresent || patch.DisplayName.IsPresent
            || patch.Visible.IsPresent || patch.DepartureDate.IsPresent || patch.Locale.IsPresent || patch.PreferredChannel.IsPresent;
        if (touchesAccount && AccessRules.Refusal(caller, stored.Value, UserAction.Edit) is { } accountRefused)
        {
            return accountRefused;
        }

        string? organizationId = null;
        if (patch.UnitIds.IsPresent || patch.Permissions.IsPresent)
        {
            organizationId = patch.OrganizationId
                ?? (stored.Value.Memberships.Count == 1 ? stored.Value.Memberships[0].OrganizationId : null);
            if (organizationId is not null && AccessRules.Refusal(caller, stored.Value, UserAction.EditMembership, organizationId) is { } membershipRefused)
            {
                return membershipRefused;
            }

            if (organizationId is null || stored.Value.MembershipIn(organizationId) is not { } membership)
            {
                return Failure.InvalidField("organizationId", "name the organization whose units or permissions change");
            }

            var asked = patch.Permissions.IsPresent ? patch.Permissions.Value ?? [] : membership.Permissions;
            if (asked.Except(membership.Permissions).Concat(membership.Permissions.Except(asked)).Any(p => !AccessRules.MayGrant(caller, p)))
            {
                return Failure.Of(ErrorCode.Forbidden);
            }

            if (patch.UnitIds.IsPresent && await CheckUnitsAsync(organizationId, patch.UnitIds.Value, cancellationToken) is { } badUnits)
            {
                return badUnits;
            }
        }

        var invalid = (patch.DisplayName.IsPresent ? ContactRules.CheckDisplayName(patch.DisplayName.Value) : null)
            ?? (patch.Email.IsPresent ? ContactRules.CheckEmail(patch.Email.Value) : null)
            ?? (patch.SecondaryEmails.IsPresent ? ContactRules.CheckSecondaryEmails(patch.SecondaryEmails.Value) : null)
            ?? (patch.Phone.IsPresent ? ContactRules.CheckPhone(patch.Phone.Value) : null);
        if (invalid is not null)
        {
            return invalid;
        }

        Result<User> updated;
        try
        {
            updated = await updater.UpdateAsync(stored, user => Apply(user, patch, organizationId, context), cancellationToken);
        }
        catch (UniqueKeyTakenException taken)
        {
            return Failure.Of(ErrorCode.LoginTaken, ("field", patch.Email.IsPresent && patch.Email.Value is not null && LoginName.Normalize(patch.Email.Value) == taken.Key ? "email" : "secondaryEmails"));
        }

        if (updated.Succeeded && holders is not null && updated.Value.Password is not null && MainEmailChanged(stored.Value, updated.Value))
        {
            // Told at both addresses: the old one is where the holder hears of a change they did not make. An account still
            // awaiting activation has no holder yet, and its old address is often a misspelt one: a stranger's.
            await holders.NotifyAsync(updated.Value, new EmailChangedNotice(time.GetUtcNow(), context.Ip, stored.Value.Email, updated.Value.Email), cancellationToken);
        }

        return updated;
    }

    private Result<UserChange> Apply(User user, UserPatch patch, string? organizationId, RequestContext context)
    {
        var updated = user with
        {
            Email = patch.Email.Or(user.Email)?.Trim(),
            SecondaryEmails = patch.SecondaryEmails.IsPresent ? patch.SecondaryEmails.Value.Select(e => e.Trim()).ToList() : user.SecondaryEmails,
            Phone = patch.Phone.Or(user.Phone),
            DisplayName = patch.DisplayName.Or(user.DisplayName).Trim(),
            Visible = patch.Visible.Or(user.Visible),
            DepartureDate = patch.DepartureDate.Or(user.DepartureDate),
            Locale = patch.Locale.Or(user.Locale),
            PreferredChannel = patch.PreferredChannel.Or(user.PreferredChannel),
        };

        if (organizationId is not null)
        {
            var membership = user.MembershipIn(organizationId)!;
            var permissions = patch.Permissions.Or(membership.Permissions).Distinct().ToList();
            if (CheckPermissions(membership.Role, permissions) is { } badPermissions)
            {
                return badPermissions;
            }

            var changed = membership with { UnitIds = patch.UnitIds.Or(membership.UnitIds).Distinct().ToList(), Permissions = permissions };
            updated = updated with { Memberships = user.Memberships.Select(m => m == membership ? changed : m).ToList() };
        }

        if (DuplicateName(updated) is { } duplicate)
        {
            return duplicate;
        }

        var fields = ChangedFields(user, updated);
        if (fields.Count == 0)
        {
            return UserChange.None(user);
        }

        var now = time.GetUtcNow();
        var details = new Dictionary<string, string> { ["fields"] = string.Join(',', fields) };
        if (organizationId is not null)
        {
            // Whose membership changed: that organization's readers see the event (AccountView).
            details["organizationId"] = organizationId;
        }

        List<AuditEvent> events = [AuditEvent.Create(AuditAction.UserUpdated, context, now, details: details)];
        if (MainEmailChanged(user, updated))
        {
            // The links went to the old address (a misspelt one, or a mailbox the person no longer holds): whoever reads
            // it must not choose this account's password. A new kit or "forgot password" reaches the new address.
            var (links, superseded) = PendingResetLinks.Supersede(updated, ResetLinkSupersededBy.EmailChange, context, now);
            updated = updated with { ResetLinks = links };
            events.AddRange(superseded);
        }

        return new UserChange(updated, events);
    }

    private static bool MainEmailChanged(User before, User after) =>
        (before.Email is null ? null : LoginName.Normalize(before.Email)) != (after.Email is null ? null : LoginName.Normalize(after.Email));

    private static List<string> ChangedFields(User before, User after)
    {
        var fields = new List<string>();
        void Compare(string name, bool same)
        {
            if (!same)
            {
                fields.Add(name);
            }
        }

        Compare("email", before.Email == after.Email);
        Compare("secondaryEmails", before.SecondaryEmails.SequenceEqual(after.SecondaryEmails));
        Compare("phone", before.Phone == after.Phone);
        Compare("displayName", before.DisplayName == after.DisplayName);
        Compare("visible", before.Visible == after.Visible);
        Compare("departureDate", before.DepartureDate == after.DepartureDate);
        Compare("locale", before.Locale == after.Locale);
        Compare("preferredChannel", before.PreferredChannel == after.PreferredChannel);
        Compare("memberships", before.Memberships.Zip(after.Memberships).All(p =>
            p.First.UnitIds.SequenceEqual(p.Second.UnitIds) && p.First.Permissions.SequenceEqual(p.Second.Permissions)));
        return fields;
    }

    private static Failure? CheckPermissions(Role role, IReadOnlyList<Permission> permissions) =>
        role == Role.Client && permissions.Count > 0 ? Failure.InvalidField("permissions", "clients have no permissions") : null;

    private async Task<Failure?> CheckUnitsAsync(string organizationId, IReadOnlyList<string> unitIds, CancellationToken cancellationToken)
    {
        if (unitIds.Count == 0)
        {
            return null;
        }

        var known = (await organizations.GetUnitsAsync(organizationId, cancellationToken)).Select(u => u.Id).ToHashSet();
        return unitIds.All(known.Contains) ? null : Failure.InvalidField("unitIds", "no such unit in this organization");
    }

    // One account may not hold the same name twice (its username as its email, an email twice).
    private static Failure? DuplicateName(User user)
    {
        var names = user.LoginNames().Concat(user.SecondaryEmails.Select(LoginName.Normalize)).ToList();
        return names.Count == names.Distinct().Count() ? null : Failure.InvalidField("secondaryEmails", "an email appears twice");
    }

    private static Failure LoginTaken(User user, UniqueKeyTakenException taken) =>
        Failure.Of(ErrorCode.LoginTaken, ("field", user.FieldHolding(taken.Key)));
}
