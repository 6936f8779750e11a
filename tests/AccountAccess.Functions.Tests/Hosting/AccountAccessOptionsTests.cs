using AccountAccess.Core.Authorization;
using AccountAccess.Core.Billing;
using AccountAccess.Core.Passwords;
using AccountAccess.Core.Sessions;
using AccountAccess.Core.SignIn;
using AccountAccess.Core.WelcomeKits;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Notifications;
using AccountAccess.Functions.Tests.Infrastructure;
using AccountAccess.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AccountAccess.Functions.Tests.Hosting;

/// <summary>
/// The configuration as both hosts bind it (<see cref="AccountAccessOptions"/>): each key read once into one type, with its
/// documented default when unset, and a value out of range refused at start-up naming its key.
/// </summary>
public sealed class AccountAccessOptionsTests
{
    private static ServiceProvider ServicesWith(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddAccountAccess(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), UnitApp.Development)
            .BuildServiceProvider();

    [Fact]
    public void Nothing_configured_gives_the_documented_defaults()
    {
        using var services = ServicesWith([]);

        services.GetRequiredService<IStartupValidator>().Validate();
        var passwords = services.GetRequiredService<PasswordSettings>();
        Assert.Equal(TimeSpan.FromHours(24), passwords.ResetLinkLifetime);
        Assert.Equal(5, passwords.ForgotPasswordEmailsPerAccountPerHour);
        Assert.Equal("http://localhost:7071", passwords.PublicBaseUrl);
        Assert.Null(passwords.MaxAgeOverride);
        Assert.Equal(TimeSpan.FromMinutes(5), passwords.LinkEmailClaimTimeout);
        Assert.Equal(TimeSpan.FromHours(24), services.GetRequiredService<BillingSettings>().ReactivationDelay);
        Assert.Null(services.GetRequiredService<LockoutSettings>().DurationOverride);
        var kits = services.GetRequiredService<WelcomeKitSettings>();
        Assert.Equal((8, 10_000), (kits.ScheduleParallelism, kits.MaxPerRun));
        Assert.Equal(TimeSpan.FromDays(30), kits.BatchRetention);
        Assert.Equal("0 */15 * * * *", services.GetRequiredService<WelcomeKitOptions>().Schedule);
        Assert.Equal("0 * * * * *", services.GetRequiredService<LockoutOptions>().SweepSchedule);
        Assert.Equal("0 0 * * * *", services.GetRequiredService<TwoFactorOptions>().ChallengeSweepSchedule);
        var rateLimits = services.GetRequiredService<RateLimitOptions>();
        Assert.Equal((120, 30, 120), (rateLimits.SignInPerIpPerMinute, rateLimits.FailedSignInsPerIpPerMinute, rateLimits.UntrustedFailedSignInsPerMinute));
        var auth = services.GetRequiredService<AuthOptions>();
        Assert.Equal((TimeSpan.FromMinutes(15), "account-access", "http://localhost:7071"), (auth.AccessTokenLifetime, auth.Audience, auth.Issuer));
        Assert.Equal(3, new[] { auth.Audience, auth.ChangeTokenAudience, auth.EnrollmentTokenAudience }.Distinct().Count());
        var sessions = services.GetRequiredService<SessionSettings>();
        Assert.Equal((TimeSpan.FromSeconds(10), 50, (TimeSpan?)null, (TimeSpan?)null), (sessions.RefreshReuseInterval, sessions.MaxSessionsPerUser, sessions.IdleOverride, sessions.MaxAgeOverride));
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(2)), (services.GetRequiredService<TriggerOptions>().LocalPollInterval, services.GetRequiredService<TriggerOptions>().LocalMessageVisibility));
        Assert.Equal("UseDevelopmentStorage=true", services.GetRequiredService<StorageOptions>().ConnectionString);
        Assert.Equal(587, services.GetRequiredService<EmailOptions>().Smtp.Port);
        Assert.Null(services.GetRequiredService<SupportTeam>().OrganizationId);
        var relyingParty = services.GetRequiredService<Core.Passkeys.RelyingParty>();
        Assert.Equal(("localhost", "http://localhost:7071"), (relyingParty.Id, Assert.Single(relyingParty.Origins)));
        Assert.Equal(TimeSpan.FromMinutes(5), services.GetRequiredService<Core.Passkeys.PasskeySettings>().CeremonyLifetime);
    }

    [Fact]
    public void The_passkeys_relying_party_follows_the_public_base_url_unless_set()
    {
        using var defaulted = ServicesWith(new() { ["Links:PublicBaseUrl"] = "https://accounts.example.com" });
        using var set = ServicesWith(new()
        {
            ["Links:PublicBaseUrl"] = "https://accounts.example.com",
            ["Passkeys:RelyingPartyId"] = "example.com",
            ["Passkeys:Origins"] = "https://accounts.example.com,https://app.example.com",
        });

        Assert.Equal("accounts.example.com", defaulted.GetRequiredService<Core.Passkeys.RelyingParty>().Id);
        Assert.Equal("example.com", set.GetRequiredService<Core.Passkeys.RelyingParty>().Id);
        Assert.Equal(["https://accounts.example.com", "https://app.example.com"], set.GetRequiredService<Core.Passkeys.RelyingParty>().Origins);
    }

    [Theory]
    [InlineData("Passkeys:RelyingPartyId", "example.net")]
    [InlineData("Passkeys:Origins", "http://accounts.example.com")]
    [InlineData("Passkeys:CeremonyLifetime", "01:00:00")]
    public void A_relying_party_browsers_would_refuse_stops_the_app_naming_its_key(string key, string value)
    {
        using var services = ServicesWith(new() { ["Links:PublicBaseUrl"] = "https://accounts.example.com", [key] = value });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_section_is_read_into_the_type_the_services_take()
    {
        using var services = ServicesWith(new()
        {
            ["Passwords:ResetLinkLifetime"] = "00:00:04",
            ["Passwords:LinkEmailClaimTimeout"] = "00:00:10",
            ["Links:PublicBaseUrl"] = "https://accounts.example.com",
            ["Billing:ReactivationDelay"] = "1.12:00:00",
            ["Billing:WebhookSecret"] = "secret",
            ["Lockouts:DurationOverride"] = "00:00:02",
            ["WelcomeKits:MaxPerRun"] = "50",
            ["TwoFactor:EncryptionKey"] = Convert.ToBase64String(new byte[32]),
            ["Auth:RefreshReuseInterval"] = "00:00:03",
            ["Sessions:IdleOverride"] = "00:00:05",
            ["Operator:OrganizationId"] = "org_support",
        });

        Assert.Equal(TimeSpan.FromSeconds(4), services.GetRequiredService<PasswordSettings>().ResetLinkLifetime);
        Assert.Equal(TimeSpan.FromSeconds(10), services.GetRequiredService<PasswordSettings>().LinkEmailClaimTimeout);
        Assert.Equal("https://accounts.example.com", services.GetRequiredService<PasswordSettings>().PublicBaseUrl);
        Assert.Equal(TimeSpan.FromHours(36), services.GetRequiredService<BillingSettings>().ReactivationDelay);
        Assert.Equal("secret", services.GetRequiredService<BillingOptions>().WebhookSecret);
        Assert.Equal(TimeSpan.FromSeconds(2), services.GetRequiredService<LockoutSettings>().DurationOverride);
        Assert.Equal(50, services.GetRequiredService<WelcomeKitSettings>().MaxPerRun);
        Assert.Equal(Convert.ToBase64String(new byte[32]), services.GetRequiredService<TwoFactorOptions>().EncryptionKey);
        Assert.Equal("https://accounts.example.com", services.GetRequiredService<AuthOptions>().Issuer);
        Assert.Equal((TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5)), (services.GetRequiredService<SessionSettings>().RefreshReuseInterval, services.GetRequiredService<SessionSettings>().IdleOverride));
        Assert.Equal("org_support", services.GetRequiredService<SupportTeam>().OrganizationId);
    }

    [Theory]
    [InlineData("Billing:ReactivationDelay", "3.00:00:00")]
    [InlineData("Billing:ReactivationDelay", "-00:00:01")]
    [InlineData("Passwords:ForgotPasswordEmailsPerAccountPerHour", "0")]
    [InlineData("Passwords:ForgotPasswordEmailsPerAccountPerHour", "101")]
    [InlineData("RateLimits:FailedSignInsPerIpPerMinute", "0")]
    [InlineData("RateLimits:FailedSignInsPerIpPerMinute", "10001")]
    [InlineData("RateLimits:UntrustedFailedSignInsPerMinute", "0")]
    [InlineData("RateLimits:UntrustedFailedSignInsPerMinute", "1000001")]
    [InlineData("Passwords:LinkEmailClaimTimeout", "00:00:00")]
    [InlineData("Passwords:LinkEmailClaimTimeout", "02:00:00")]
    [InlineData("WelcomeKits:ScheduleParallelism", "0")]
    [InlineData("WelcomeKits:MaxPerRun", "0")]
    [InlineData("WelcomeKits:BatchRetention", "00:00:00")]
    [InlineData("Auth:AccessTokenLifetime", "02:00:00")]
    [InlineData("Auth:Audience", " ")]
    [InlineData("Auth:Issuer", " ")]
    [InlineData("Auth:RefreshReuseInterval", "00:05:00")]
    [InlineData("Sessions:MaxSessionsPerUser", "0")]
    [InlineData("Sessions:MaxSessionsPerUser", "91")]
    [InlineData("Sessions:IdleOverride", "00:00:00")]
    public void A_value_out_of_range_is_refused_at_start_up_naming_its_key(string key, string value)
    {
        using var services = ServicesWith(new() { [key] = value });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Smtp_in_clear_to_a_host_that_is_not_loopback_is_refused_at_start_up_naming_the_key()
    {
        using var services = ServicesWith(new() { ["Email:Smtp:Host"] = "smtp.example.com", ["Email:Smtp:Security"] = "None" });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Email:Smtp:Security is None", refused.Message, StringComparison.Ordinal);
    }
}
