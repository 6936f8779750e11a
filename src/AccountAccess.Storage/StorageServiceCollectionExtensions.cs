using AccountAccess.Core.Accounts;
using AccountAccess.Core.Members;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passkeys;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Sessions;
using AccountAccess.Core.TwoFactor;
using AccountAccess.Core.WelcomeKits;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAccess.Storage;

/// <summary>Registers the Azure Table implementations of Core's ports (over the <see cref="StorageOptions"/> the app binds).</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddTableStorage(this IServiceCollection services)
    {
        services.AddSingleton<StorageTables>();
        services.AddSingleton<IUserStore, TableUserStore>();
        services.AddSingleton<IMemberDirectory, TableMemberDirectory>();
        services.AddSingleton<IMemberIndexRepair, TableMemberIndexRepair>();
        services.AddSingleton<IOrganizationStore, TableOrganizationStore>();
        services.AddSingleton<ISessionStore, TableSessionStore>();
        services.AddSingleton<StorageQueues>();
        services.AddSingleton<IChallengeStore, TableChallengeStore>();
        services.AddSingleton<IPasskeyCeremonyStore, TablePasskeyCeremonyStore>();
        services.AddSingleton<IWelcomeKitQueue, QueueWelcomeKits>();
        services.AddSingleton<IWelcomeKitProgress, TableWelcomeKitProgress>();
        services.AddSingleton<IForgotPasswordQueue, QueueForgotPasswordRequests>();
        return services;
    }
}
