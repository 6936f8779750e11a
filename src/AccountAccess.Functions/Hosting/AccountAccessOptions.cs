using AccountAccess.Core.Authorization;
using AccountAccess.Core.Billing;
using AccountAccess.Core.Passkeys;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Sessions;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.WelcomeKits;
using AccountAccess.Functions.Notifications;
using AccountAccess.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AccountAccess.Functions.Hosting;

/// <summary>
/// The app's configuration, bound once, the framework's way: each key to one options type — Core's settings records where
/// Core reads them (<see cref="PasswordSettings"/>, <see cref="LockoutSettings"/>, <see cref="BillingSettings"/>,
/// <see cref="WelcomeKitSettings"/>, <see cref="PasskeySettings"/>, <see cref="SessionSettings"/>), the app's own elsewhere — each type documenting its defaults, checked by its data
/// annotations (and the rules below) when the host starts: a value out of range stops the app, naming the key. Each type
/// is then a singleton of itself, so the services that read it take it as it is, with no second copy.
/// </summary>
public static class AccountAccessOptions
{
    public static IServiceCollection AddAccountAccessOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<StorageOptions>(configuration, StorageOptions.Section);
        services.AddSettings<AuthOptions>(configuration, "Auth")
            .PostConfigure<PasswordSettings>((auth, passwords) => auth.Issuer ??= passwords.PublicBaseUrl);
        services.AddSettings<SessionSettings>(configuration, "Sessions").Bind(configuration.GetSection("Auth"));
        services.AddSettings<OperatorOptions>(configuration, "Operator");
        services.AddSettings<SupportTeam>(configuration, "Operator");
        services.AddSettings<RateLimitOptions>(configuration, "RateLimits");
        services.AddSettings<LockoutOptions>(configuration, "Lockouts");
        services.AddSettings<LockoutSettings>(configuration, "Lockouts");
        services.AddSettings<PasswordSettings>(configuration, "Passwords").Bind(configuration.GetSection("Links"));
        services.AddSettings<BillingOptions>(configuration, "Billing");
        services.AddSettings<BillingSettings>(configuration, "Billing");
        services.AddSettings<WelcomeKitOptions>(configuration, "WelcomeKits");
        services.AddSettings<WelcomeKitSettings>(configuration, "WelcomeKits");
        services.AddSettings<TwoFactorOptions>(configuration, "TwoFactor");
        services.AddSettings<PasskeySettings>(configuration, "Passkeys");
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PasskeySettings>, PasskeySettingsValidation>());
        services.AddSettings<TriggerOptions>(configuration, "Triggers");
        services.AddSettings<DiagnosticsOptions>(configuration, "Diagnostics");
        services.AddSettings<SmsOptions>(configuration, "Sms");
        services.AddSettings<EmailOptions>(configuration, "Email");
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailOptions>, EmailOptionsValidation>());
        return services;
    }

    /// <summary>
    /// Binds <paramref name="section"/> to <typeparamref name="T"/>, validated by its data annotations at start-up, and
    /// registers the bound <typeparamref name="T"/> itself.
    /// </summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<T>>().Value);
        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
    }
}
