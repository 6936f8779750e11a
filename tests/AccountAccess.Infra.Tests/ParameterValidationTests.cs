namespace AccountAccess.Infra.Tests;

/// <summary>Operator parameters reach the app settings, and bad ones stop the deployment before anything is
/// created (evaluated by bicep snapshot, as Azure Resource Manager would).</summary>
[Collection(CompiledTemplateCollection.Name)]
public class ParameterValidationTests(CompiledTemplate compiled)
{
    [Fact]
    public void Schedules_hub_name_origins_and_links_given_by_the_operator_reach_the_app()
    {
        var deployment = compiled.Snapshot(new Dictionary<string, string>
        {
            ["publicBaseUrl"] = "'https://app.example.com'",
            ["welcomeKitsSchedule"] = "'0 0 6 * * *'",
            ["lockoutsSweepSchedule"] = "'0 */5 * * * *'",
            ["twoFactorChallengeSweepSchedule"] = "'0 30 * * * *'",
            ["durableTaskHubName"] = "'AccountAccessStaging2'",
            ["corsAllowedOrigins"] = "['https://app.example.com', 'http://localhost:5173']",
        });

        var settings = deployment.FinalSettings;
        Assert.Equal("0 0 6 * * *", settings["WelcomeKits__Schedule"]);
        Assert.Equal("0 */5 * * * *", settings["Lockouts__SweepSchedule"]);
        Assert.Equal("0 30 * * * *", settings["TwoFactor__ChallengeSweepSchedule"]);
        Assert.False(settings.ContainsKey("Workflows__SweepSchedule"));
        Assert.Equal("AccountAccessStaging2", settings["DurableTask__HubName"]);
        Assert.Equal("AccountAccessStaging2", deployment.CreationSettings["DurableTask__HubName"]);
        // The account pages' origin is known only once the site exists, so the list stays an expression here.
        Assert.Equal(
            $"[union(createArray({deployment.StaticWebAppUrl}), createArray('https://app.example.com', 'http://localhost:5173'))]",
            (string?)deployment.SiteConfig["cors"]!["allowedOrigins"]);
        Assert.Equal("https://app.example.com", settings["Links__PublicBaseUrl"]);
        Assert.Equal("https://app.example.com", deployment.CreationSettings["Links__PublicBaseUrl"]);
    }

    [Theory]
    [InlineData("Account-Access")]
    [InlineData("Account_Access")]
    [InlineData("1AccountAccess")]
    [InlineData("Account Access")]
    public void A_task_hub_name_that_is_not_a_letter_then_letters_and_digits_is_refused(string name)
    {
        var deployment = compiled.Snapshot(new Dictionary<string, string> { ["durableTaskHubName"] = $"'{name}'" });

        Assert.Null(deployment.Resources);
        Assert.Contains($"durableTaskHubName \"{name}\" must start with a letter", deployment.Run.Printed);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("A234567890123456789012345678901234567890123456")] // 46 characters
    public void A_task_hub_name_of_the_wrong_length_is_refused(string name)
    {
        var deployment = compiled.Snapshot(new Dictionary<string, string> { ["durableTaskHubName"] = $"'{name}'" });

        Assert.Null(deployment.Resources);
        Assert.Contains("BCP33", deployment.Run.Printed); // BCP332/BCP333: value too long / too short
    }

    [Fact]
    public void Cors_entries_that_are_not_origins_are_refused()
    {
        string[] bad = ["https://app.example.com/", "https://app.example.com/sign-in", "app.example.com", "*", "https://*.example.com"];
        var list = string.Join(", ", bad.Select(o => $"'{o}'"));
        var deployment = compiled.Snapshot(new Dictionary<string, string> { ["corsAllowedOrigins"] = $"['https://ok.example.com', {list}]" });

        Assert.Null(deployment.Resources);
        var printed = deployment.Run.Printed;
        Assert.Contains("corsAllowedOrigins must be origins", printed);
        Assert.Contains(": " + string.Join(", ", bad) + ".", printed); // every bad entry is named, the good one is not
    }
}
