using System.Globalization;
using System.Text.Json;
using AccountAccess.Core.Diagnosis;
using AccountAccess.Core.Errors;
using AccountAccess.Functions.Support;

namespace AccountAccess.Functions.Errors;

/// <summary>
/// What to do next about a sign-in refusal, in the words of the diagnosis (Resources/Diagnosis*.resx): the person reads
/// at sign-in the remedy support would read about them. Only refusals given to someone who proved the password have
/// one, so a remedy never says more about an account than the refusal itself.
/// </summary>
public static class ErrorRemedies
{
    public static Remedy? For(Failure failure)
    {
        string? Detail(string key) => failure.Details.GetValueOrDefault(key) is { } value ? Words(value) : null;

        return failure.Code switch
        {
            ErrorCode.AccountDeactivated => Detail("reason") switch
            {
                "merged" => Remedy.SignInWithMergedAccount,
                _ when Detail("unlockByPasswordReset") == "true" => Remedy.ResetPasswordToReactivate,
                "suspicious_activity" => Remedy.AskAdministratorToReactivate,
                _ when Detail("until") is not null => Remedy.WaitForLockToEnd,
                _ => Remedy.AskSupervisorToReactivate,
            },
            ErrorCode.AccountDeparted => Remedy.AskAdministratorAboutDepartureDate,
            ErrorCode.AccessRevoked => Remedy.AskOrganizationToRestoreAccess,
            ErrorCode.WrongPortal => Remedy.UseExpectedPortal,
            ErrorCode.NoOrganizationLinked => Remedy.AskAdministratorForUnitRights,
            ErrorCode.OrganizationSuspended => Detail("reason") == "left_service" ? Remedy.OrganizationLeftService : Remedy.PayOverdueInvoices,
            ErrorCode.AppUpdateRequired => Remedy.UpdateApp,
            _ => null,
        };
    }

    /// <summary>The remedy's words in <paramref name="culture"/>, the refusal's details filled in.</summary>
    public static string TextOf(Failure failure, Remedy remedy, CultureInfo culture)
    {
        var details = failure.Details
            .Where(d => d.Value is not null)
            .ToDictionary(d => d.Key, d => Words(d.Value!));
        var text = DiagnosisTexts.RemedyOf(new Blocker(BlockerCode.AccountDeactivated, Blocks.SignIn, null, remedy, details), culture);
        // A merged account's refusal does not name the account it went into (only support may): say it without the name.
        return text.Replace(" ({mergedIntoUsername})", string.Empty, StringComparison.Ordinal);
    }

    /// <summary>A detail as the wire shows it: closed sets in snake_case, times as ISO-8601 UTC.</summary>
    private static string Words(object value) => value switch
    {
        Enum closed => JsonNamingPolicy.SnakeCaseLower.ConvertName(closed.ToString()),
        bool flag => flag ? "true" : "false",
        DateTimeOffset at => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
