using AccountAccess.Core.Accounts;
using AccountAccess.Core.Administration;
using AccountAccess.Core.Billing;
using AccountAccess.Core.Diagnosis;
using AccountAccess.Core.Members;
using AccountAccess.Core.Notifications;
using AccountAccess.Core.Notifications.Holder;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passkeys;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Passwords.ResetLinks;
using AccountAccess.Core.Passwords.Rotation;
using AccountAccess.Core.Sessions;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.TwoFactor;
using AccountAccess.Core.WelcomeKits;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Http;
using AccountAccess.Functions.Notifications;
using AccountAccess.Storage;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace AccountAccess.Functions.Hosting;

/// <summary>
/// The app's services, registered the same way under both hosts: configuration bound to options
/// (<see cref="AccountAccessOptions"/>: a value out of range stops the app at start-up, naming the key), Core's services, the storage adapters, the senders, authentication, the
/// contract's JSON and the shared HTTP pipeline.
/// </summary>
public static class AccountAccessServices
{
    public static IServiceCollection AddAccountAccess(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddAccountAccessOptions(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(FunctionCatalogue.App);
        services.AddSingleton(HostJson.Load(AppContext.BaseDirectory, configuration));
        services.AddSingleton<AppSettings>();
        // The invocation's [DurableClient], read by the ports that start workflows: so they, and Core's services that
        // reach them, are scoped — one per invocation (Durable/BoundDurableClient).
        services.AddScoped<AccountAccess.Functions.Durable.BoundDurableClient>();
        services.AddTableStorage();

        services.AddSingleton<SessionStart>();
        services.AddSingleton<SessionRefresh>();
        services.AddSingleton<SessionEnding>();
        services.AddSingleton<SessionList>();
        services.AddSingleton(_ => new PasswordHashing());
        services.AddSingleton<UserUpdater>();
        services.AddSingleton<SignInHandler>();
        services.AddSingleton<StepUp>();
        services.AddSingleton<TimedLockSweep>();
        services.AddSingleton<ChallengeSweep>();
        services.AddSingleton<AccountAdministration>();
        services.AddSingleton<AccountMerge>();
        services.AddSingleton<SupportDiagnosis>();
        services.AddSingleton<MemberSearch>();
        services.AddSingleton<LoginLookup>();
        services.AddScoped<MemberIndexRebuild>();
        services.AddScoped<IMemberIndexWorkflows, Orchestrations.MemberIndexRebuilds.DurableMemberIndexWorkflows>();
        services.AddSingleton<OrganizationProvisioning>();
        services.AddScoped<UserProvisioning>();
        services.AddScoped<AccountErasure>();
        services.AddSingleton<ResetLinkExpiry>();
        services.AddSingleton<HolderNotifier>();
        services.AddScoped<IResetLinkTracker, Orchestrations.ResetLinks.DurableResetLinkTracker>();
        services.AddScoped<LinkEmails>();
        services.AddScoped<PasswordReset>();
        services.AddScoped<PasswordChange>();
        services.AddSingleton<PasswordRotation>();
        services.AddScoped<IPasswordRotationTracker, Orchestrations.PasswordRotations.DurablePasswordRotationTracker>();
        services.AddScoped<WelcomeKitSender>();
        services.AddScoped<WelcomeKitBatches>();
        services.AddScoped<WelcomeKitSchedule>();
        services.AddSingleton<WelcomeKitBatchSweep>();
        services.AddSingleton<RestrictedTokens>();
        services.AddSingleton<AccountHolderResolver>();
        services.AddSingleton(provider => new SecretProtector(TwoFactorKey.From(provider.GetRequiredService<TwoFactorOptions>().EncryptionKey, environment)));
        services.AddSingleton(provider => new RecoveryCodeHasher(provider.GetRequiredService<SecretProtector>().DeriveKey("recovery codes")));
        services.AddSingleton(new TwoFactorSettings());
        services.AddSingleton<SecondFactorFailures>();
        services.AddSingleton<TwoFactorSignIn>();
        services.AddSingleton<TwoFactorEnrollments>();
        services.AddSingleton<StepUp>();
        services.AddSingleton<RelyingParty>();
        services.AddSingleton<PasskeyCeremonies>();
        services.AddSingleton<PasskeyAssertions>();
        services.AddSingleton<PasskeyRegistrations>();
        services.AddSingleton<PasskeySignIn>();
        // Decoy credentials for logins without passkeys, under a key of their own derived from TwoFactor:EncryptionKey.
        services.AddSingleton(provider => new DecoyCredentials(provider.GetRequiredService<SecretProtector>().DeriveKey("passkey decoy credentials")));
        services.AddSingleton<ISmsSender, PickupSmsSender>();
        services.AddSingleton(provider =>
        {
            var smtp = provider.GetRequiredService<EmailOptions>().Smtp;
            return new SmtpConnectionPool(new SmtpConnector(smtp).ConnectAsync, smtp, provider.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IEmailSender, MailKitEmailSender>();
        services.AddSingleton<BillingNotices>();
        services.AddScoped<BillingFollowUp>();
        services.AddScoped<BillingEvents>();
        services.AddSingleton<BillingReactivation>();
        services.AddSingleton<BillingSuspensionNotice>();
        services.AddScoped<IBillingWorkflows, Orchestrations.DurableBillingWorkflows>();

        services.AddSingleton(_ => SigningKeys.From(configuration, environment));
        services.AddSingleton<IAccessTokenIssuer, JwtAccessTokenIssuer>();
        services.AddSingleton<OperatorKey>();
        services.AddSingleton<CallerResolver>();
        services.AddSingleton<RouteAuthorization>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SigningKeys, AuthOptions>((jwt, keys, auth) =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = TokenValidation.For(keys, auth, auth.Audience);
        });

        services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        services.AddSingleton<SignInRateLimiter>();
        services.AddSingleton<SourceHistory>();
        services.AddSingleton(provider => new PrioritizedHashAdmission(
            provider.GetRequiredService<SignInRateLimiter>(), history: provider.GetRequiredService<SourceHistory>()));
        services.AddSingleton<IHashAdmission>(provider => provider.GetRequiredService<PrioritizedHashAdmission>());
        services.AddSingleton<ISignInBudgets, SignInBudgets>();
        services.AddSingleton<HttpFunctionPipeline>();
        return services;
    }

    /// <summary>
    /// Fails at start-up, not at the first sign-in, when a setting is out of range (naming its key) or a required secret is
    /// missing in Production: before anything starts, where the hosts would check the options only as they start.
    /// </summary>
    public static void CheckStartup(IServiceProvider services)
    {
        services.GetService<IStartupValidator>()?.Validate();
        var signingKeys = services.GetRequiredService<SigningKeys>();
        services.GetRequiredService<SecretProtector>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AccountAccessServices));
        if (signingKeys.Generated)
        {
            logger.LogWarning("{Setting} is not set: using a random development key; tokens end with this process.", SigningKeys.Section);
        }

        if (!string.IsNullOrEmpty(services.GetRequiredService<AuthOptions>().SigningKey))
        {
            logger.LogWarning("Auth:SigningKey is retired and ignored: tokens are signed with {Setting} (ES256). Remove Auth:SigningKey from the settings.", SigningKeys.Section);
        }
    }
}
