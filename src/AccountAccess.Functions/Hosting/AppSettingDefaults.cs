namespace AccountAccess.Functions.Hosting;

/// <summary>
/// The settings that function attributes and host.json name in <c>%Setting%</c> binding expressions (timer schedules, the
/// Durable Functions task hub) and as connections, with their documented defaults. The Functions host resolves them from app settings and refuses to index a
/// function whose setting is missing, so <c>infra/</c> and <c>local.settings.sample.json</c> set every one; the standalone
/// host falls back to these defaults, the same ones the options classes document.
/// </summary>
public static class AppSettingDefaults
{
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [Storage.StorageOptions.Section + ":ConnectionString"] = new Storage.StorageOptions().ConnectionString,
        ["WelcomeKits:Schedule"] = new WelcomeKitOptions().Schedule,
        ["Lockouts:SweepSchedule"] = new LockoutOptions().SweepSchedule,
        ["TwoFactor:ChallengeSweepSchedule"] = new TwoFactorOptions().ChallengeSweepSchedule,
        ["DurableTask:HubName"] = "AccountAccess",
    };

    /// <summary>The connection setting of the app's queue triggers (Azure Storage, API.md <c>Storage:ConnectionString</c>).</summary>
    public const string StorageConnection = "Storage:ConnectionString";
}
