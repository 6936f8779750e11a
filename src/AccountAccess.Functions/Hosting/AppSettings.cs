using System.Text.RegularExpressions;

namespace AccountAccess.Functions.Hosting;

/// <summary>
/// Resolves what trigger attributes say the way the Functions host does: <c>%Name%</c> is the value of the setting
/// <c>Name</c> (<c>Name__Part</c> in environment variables), falling back to the documented default
/// (<see cref="AppSettingDefaults"/>); a setting with neither stops the app at start-up, naming it.
/// </summary>
public sealed partial class AppSettings(IConfiguration configuration)
{
    public string Resolve(string expression) =>
        Expression().Replace(expression, match => Value(match.Groups["name"].Value));

    public string Value(string name) =>
        configuration[name] is { Length: > 0 } value ? value
        : AppSettingDefaults.All.TryGetValue(name, out var fallback) ? fallback
        : throw new InvalidOperationException($"The setting '{name}' that a function's trigger names is not set.");

    [GeneratedRegex("%(?<name>[^%]+)%")]
    private static partial Regex Expression();
}
