using System.Globalization;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Administration;
using AccountAccess.Core.Billing;
using AccountAccess.Core.Diagnosis;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Organizations;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.Workflows;
using AccountAccess.Core.TwoFactor;
using AccountAccess.Core.Notifications;
using AccountAccess.Core.Passwords.ResetLinks;
using AccountAccess.Core.Passwords.Rotation;
using AccountAccess.Core.WelcomeKits;
using AccountAccess.Functions.Notifications;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Functions;
using AccountAccess.Functions.Triggers;
using AccountAccess.Storage;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.IdentityModel.Tokens;

namespace AccountAccess.Functions.Hosting;

/// <summary>
/// Builds the custom handler: configuration, services, middleware and every function. The same app serves the Azure
/// Functions host (which sets <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>) and runs standalone with its local trigger runner.
/// </summary>
public static class AppHost
{
    public const string CustomHandlerPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Bodies above this are refused with 400 <c>invalid_request</c> (API.md).</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var configuration = builder.Configuration;

        var customHandlerPort = configuration[CustomHandlerPortVariable];
        var underFunctionsHost = !string.IsNullOrEmpty(customHandlerPort);
        if (underFunctionsHost)
        {
            // The host reaches the handler on loopback only; nothing else can.
            builder.WebHost.UseUrls($"http://127.0.0.1:{customHandlerPort}");
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });

        var storage = Bind<StorageOptions>(configuration, StorageOptions.Section);
        var auth = Bind<AuthOptions>(configuration, "Auth");
        var lockouts = Bind<LockoutOptions>(configuration, "Lockouts");
        var rateLimits = Bind<RateLimitOptions>(configuration, "RateLimits");
        var diagnostics = Bind<DiagnosticsOptions>(configuration, "Diagnostics");
        var workflows = Bind<WorkflowOptions>(configuration, "Workflows");
        var passwords = Bind<PasswordOptions>(configuration, "Passwords");
        var billing = Bind<BillingOptions>(configuration, "Billing");
        if (BillingSettings.ProblemWith(billing.ReactivationDelay) is { } badDelay)
        {
            // Refuse to start rather than break the 24–48 h promise the help centre makes.
            throw new InvalidOperationException(badDelay);
        }
        var welcomeKits = Bind<WelcomeKitOptions>(configuration, "WelcomeKits");
        var services = builder.Services;

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(auth);
        services.AddSingleton(Bind<OperatorOptions>(configuration, "Operator"));
        services.AddSingleton(Bind<TriggerOptions>(configuration, "Triggers"));
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
        services.AddSingleton(new WorkflowSettings { SweepGrace = workflows.SweepGrace });
        services.AddSingleton<WorkflowRuntime>();
        services.AddSingleton<IWorkflow, ResetLinkWorkflow>();
        services.AddSingleton(new PasswordSettings
        {
            ResetLinkLifetime = passwords.ResetLinkLifetime,
            MaxAgeOverride = passwords.MaxAgeOverride,
            ReminderLeadOverride = passwords.ReminderLeadOverride,
            PublicBaseUrl = configuration["Links:PublicBaseUrl"] ?? "http://localhost:7071",
        });
        services.AddSingleton<PasswordReset>();
        services.AddSingleton<PasswordChange>();
        services.AddSingleton<IWorkflow, PasswordRotationWorkflow>();
        services.AddSingleton(welcomeKits.ToSettings());
        services.AddSingleton<WelcomeKitSender>();
        services.AddSingleton<WelcomeKitBatches>();
        services.AddSingleton<WelcomeKitSchedule>();
        services.AddSingleton<RestrictedTokens>();
        services.AddSingleton<AccountHolderResolver>();
        services.AddSingleton(provider => new SecretProtector(TwoFactorKey.From(configuration["TwoFactor:EncryptionKey"], provider.GetRequiredService<IHostEnvironment>())));
        services.AddSingleton(new TwoFactorSettings());
        services.AddSingleton<TwoFactorSignIn>();
        services.AddSingleton<TwoFactorEnrollments>();
        services.AddSingleton(Bind<SmsOptions>(configuration, "Sms"));
        services.AddSingleton<ISmsSender, PickupSmsSender>();
        services.AddSingleton(Bind<EmailOptions>(configuration, "Email"));
        services.AddSingleton<IEmailSender, MailKitEmailSender>();
        services.AddSingleton(billing);
        services.AddSingleton(new BillingSettings { ReactivationDelay = billing.ReactivationDelay });
        services.AddSingleton<BillingNotices>();
        services.AddSingleton<BillingFollowUp>();
        services.AddSingleton<BillingEvents>();
        services.AddSingleton<IWorkflow, BillingReactivationWorkflow>();
        services.AddSingleton<IWorkflow, BillingSuspensionNoticeWorkflow>();

        services.AddSingleton(provider => SigningKey.From(auth, provider.GetRequiredService<IHostEnvironment>()));
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
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.Configure<ForwardedHeadersOptions>(forwarded => forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor);
        services.AddSignInRateLimiting(rateLimits);
        services.AddOpenApi();

        var registry = new FunctionRegistry().AddMaintenanceFunctions(lockouts, Bind<TwoFactorOptions>(configuration, "TwoFactor")).AddWorkflowFunctions(workflows).AddWelcomeKitFunctions(welcomeKits);
        services.AddSingleton(registry);
        if (!underFunctionsHost)
        {
            services.AddHostedService<LocalTriggerRunner>();
        }

        var app = builder.Build();

        // Behind the Functions host (or any proxy on loopback) the client's address is in X-Forwarded-For.
        app.UseForwardedHeaders();
        if (diagnostics.StorageRoundTripsHeader)
        {
            app.UseMiddleware<StorageRoundTripsMiddleware>();
        }

        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("en"),
            SupportedCultures = [new CultureInfo("en"), new CultureInfo("fr")],
            SupportedUICultures = [new CultureInfo("en"), new CultureInfo("fr")],
            RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()],
        });
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseStatusCodePages(async pages =>
        {
            // Answers the framework gives without a body (unknown route, wrong method, and the body checks minimal APIs
            // make before a handler runs) get the contract's error shape too.
            if (StatusCodeErrors.For(pages.HttpContext.Response.StatusCode) is { } failure)
            {
                await new ApiError(failure).ExecuteAsync(pages.HttpContext);
            }
        });
        app.UseMiddleware<Utf8BodyMiddleware>();
        app.UseRouting();
        app.UseRateLimiter();

        app.MapHealthFunctions();
        app.MapSignInFunctions();
        app.MapOrganizationFunctions();
        app.MapUserFunctions();
        app.MapAdministrationFunctions();
        app.MapWorkflowFunctions();
        app.MapPasswordFunctions();
        app.MapTwoFactorFunctions();
        app.MapBillingFunctions();
        app.MapSupportFunctions();
        app.MapWelcomeKitFunctions();
        app.MapOpenApi("/api/openapi.json").WithMetadata(new HttpFunction("OpenApiDocument"));
        app.MapTriggeredFunctions(registry, underFunctionsHost);
        return app;
    }

    /// <summary>Every endpoint the app maps.</summary>
    public static IEnumerable<Endpoint> Endpoints(this WebApplication app) =>
        ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints);

    private static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }
}
