using AccountAccess.Core.Accounts;
using AccountAccess.Core.Administration;
using AccountAccess.Core.Billing;
using AccountAccess.Core.Diagnosis;
using AccountAccess.Core.Notifications;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Passwords.ResetLinks;
using AccountAccess.Core.Passwords.Rotation;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.TwoFactor;
using AccountAccess.Core.WelcomeKits;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Http;
using AccountAccess.Functions.Notifications;
using AccountAccess.Storage;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace AccountAccess.Functions.Hosting;

/// <summary>
/// The app's services, registered the same way under both hosts: configuration bound to options (a value out of range
/// stops the app at start-up, naming the key), Core's services, the storage adapters, the senders, authentication, the
/// contract's JSON and the shared HTTP pipeline.
/// </summary>
public static class AccountAccessServices
{
    public static IServiceCollection AddAccountAccess(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var storage = Bind<StorageOptions>(configuration, StorageOptions.Section);
        var auth = Bind<AuthOptions>(configuration, "Auth");
        var lockouts = Bind<LockoutOptions>(configuration, "Lockouts");
        var passwords = Bind<PasswordOptions>(configuration, "Passwords");
        var billing = Bind<BillingOptions>(configuration, "Billing");
        if (BillingSettings.ProblemWith(billing.ReactivationDelay) is { } badDelay)
        {
            // Refuse to start rather than break the 24–48 h promise the help centre makes.
            throw new InvalidOperationException(badDelay);
        }

        if (PasswordSettings.ProblemWithForgotPasswordLimit(passwords.ForgotPasswordEmailsPerAccountPerHour) is { } badLimit)
        {
            throw new InvalidOperationException(badLimit);
        }

        var rateLimits = Bind<RateLimitOptions>(configuration, "RateLimits");
        if ((RateLimitOptions.ProblemWithFailedSignInLimit(rateLimits.FailedSignInsPerIpPerMinute)
            ?? RateLimitOptions.ProblemWithUntrustedFailureBudget(rateLimits.UntrustedFailedSignInsPerMinute)) is { } badFailures)
        {
            throw new InvalidOperationException(badFailures);
        }

        var welcomeKits = Bind<WelcomeKitOptions>(configuration, "WelcomeKits");
        var email = Bind<EmailOptions>(configuration, "Email");
        if (email.Smtp.Problem() is { } badSmtp)
        {
            // Refused before anything starts, so that a wrong setting never sends a reset link in clear or fails at the first email.
            throw new InvalidOperationException(badSmtp);
        }

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(FunctionCatalogue.App);
        services.AddSingleton(HostJson.Load(AppContext.BaseDirectory, configuration));
        services.AddSingleton<AppSettings>();
        services.AddSingleton<AccountAccess.Functions.Durable.TaskHub>();
        services.AddSingleton<AccountAccess.Functions.Durable.TaskHubClient>();
        services.AddSingleton(auth);
        services.AddSingleton(lockouts);
        services.AddSingleton(welcomeKits);
        services.AddSingleton(Bind<OperatorOptions>(configuration, "Operator"));
        services.AddSingleton(Bind<TriggerOptions>(configuration, "Triggers"));
        services.AddSingleton(rateLimits);
        services.AddSingleton(Bind<DiagnosticsOptions>(configuration, "Diagnostics"));
        services.AddSingleton(Bind<TwoFactorOptions>(configuration, "TwoFactor"));
        services.AddSingleton(new LockoutSettings { DurationOverride = lockouts.DurationOverride });
        services.AddTableStorage(storage);

        services.AddSingleton(_ => new PasswordHashing());
        services.AddSingleton<UserUpdater>();
        services.AddSingleton<SignInHandler>();
        services.AddSingleton<TimedLockSweep>();
        services.AddSingleton<ChallengeSweep>();
        services.AddSingleton<AccountAdministration>();
        services.AddSingleton<AccountMerge>();
        services.AddSingleton<SupportDiagnosis>();
        services.AddSingleton<OrganizationProvisioning>();
        services.AddSingleton<UserProvisioning>();
        services.AddSingleton<AccountErasure>();
        services.AddSingleton<ResetLinkExpiry>();
        services.AddSingleton<IResetLinkTracker, Orchestrations.ResetLinks.DurableResetLinkTracker>();
        services.AddSingleton(new PasswordSettings
        {
            ResetLinkLifetime = passwords.ResetLinkLifetime,
            MaxAgeOverride = passwords.MaxAgeOverride,
            ReminderLeadOverride = passwords.ReminderLeadOverride,
            ForgotPasswordEmailsPerAccountPerHour = passwords.ForgotPasswordEmailsPerAccountPerHour,
            PublicBaseUrl = configuration["Links:PublicBaseUrl"] ?? "http://localhost:7071",
        });
        services.AddSingleton<PasswordReset>();
        services.AddSingleton<PasswordChange>();
        services.AddSingleton<PasswordRotation>();
        services.AddSingleton<IPasswordRotationTracker, Orchestrations.PasswordRotations.DurablePasswordRotationTracker>();
        services.AddSingleton(welcomeKits.ToSettings());
        services.AddSingleton<WelcomeKitSender>();
        services.AddSingleton<WelcomeKitBatches>();
        services.AddSingleton<WelcomeKitSchedule>();
        services.AddSingleton<RestrictedTokens>();
        services.AddSingleton<AccountHolderResolver>();
        services.AddSingleton(provider => new SecretProtector(TwoFactorKey.From(configuration["TwoFactor:EncryptionKey"], environment)));
        services.AddSingleton(new TwoFactorSettings());
        services.AddSingleton<TwoFactorSignIn>();
        services.AddSingleton<TwoFactorEnrollments>();
        services.AddSingleton(Bind<SmsOptions>(configuration, "Sms"));
        services.AddSingleton<ISmsSender, PickupSmsSender>();
        services.AddSingleton(email);
        services.AddSingleton(provider => new SmtpConnectionPool(
            new SmtpConnector(email.Smtp).ConnectAsync, email.Smtp, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEmailSender, MailKitEmailSender>();
        services.AddSingleton(billing);
        services.AddSingleton(new BillingSettings { ReactivationDelay = billing.ReactivationDelay });
        services.AddSingleton<BillingNotices>();
        services.AddSingleton<BillingFollowUp>();
        services.AddSingleton<BillingEvents>();
        services.AddSingleton<BillingReactivation>();
        services.AddSingleton<BillingSuspensionNotice>();
        services.AddSingleton<IBillingWorkflows, Orchestrations.DurableBillingWorkflows>();

        services.AddSingleton(_ => SigningKey.From(auth, environment));
        services.AddSingleton<IAccessTokenIssuer, JwtAccessTokenIssuer>();
        services.AddSingleton<OperatorKey>();
        services.AddSingleton<CallerResolver>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SigningKey>((jwt, signingKey) =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = AccessTokenClaims.Issuer,
                ValidAudience = AccessTokenClaims.Audience,
                IssuerSigningKey = signingKey.Key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
            };
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

    /// <summary>Fails at start-up, not at the first sign-in, when a required secret is missing in Production.</summary>
    public static void CheckStartup(IServiceProvider services)
    {
        var signingKey = services.GetRequiredService<SigningKey>();
        services.GetRequiredService<SecretProtector>();
        if (signingKey.Generated)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AccountAccessServices))
                .LogWarning("Auth:SigningKey is not set: using a random development key; tokens end with this process.");
        }
    }

    public static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }
}
