using AccountAccess.Core.Accounts;
using AccountAccess.Core.Audit;
using AccountAccess.Core.Organizations;
using AccountAccess.Storage;
using AccountAccess.Testing;

namespace AccountAccess.Storage.Tests;

/// <summary>Stores over the shared Azurite, and fresh records with unique names to save in them.</summary>
public static class StoreFactory
{
    public static async Task<StorageTables> TablesAsync() =>
        new(new StorageOptions { ConnectionString = (await AzuriteServer.SharedAsync()).ConnectionString });

    public static User NewUser(string? email = null, IReadOnlyList<string>? secondaryEmails = null)
    {
        var username = "user-" + Guid.NewGuid().ToString("N")[..12];
        return new User
        {
            Id = Ids.NewUserId(),
            Username = username,
            DisplayName = "Test " + username,
            Email = email ?? username + "@example.com",
            SecondaryEmails = secondaryEmails ?? [],
            SecurityStamp = SecurityStamps.New(),
            CreatedAt = DateTimeOffset.UtcNow,
        };
    }

    public static Organization NewOrganization() => new()
    {
        Id = Ids.NewOrganizationId(),
        Name = "org-" + Guid.NewGuid().ToString("N")[..12],
        CreatedAt = DateTimeOffset.UtcNow,
    };

    public static AuditEvent Event(AuditAction action, DateTimeOffset? at = null, string? reason = null) =>
        AuditEvent.Create(action, new RequestContext(Actor.Operator, "192.0.2.1"), at ?? DateTimeOffset.UtcNow, reason);
}
