using System.Globalization;
using System.Resources;
using AccountAccess.Core.Errors;

namespace AccountAccess.Functions.Errors;

/// <summary>
/// The one place where an <see cref="ErrorCode"/> becomes HTTP: its status, and its message in English or French
/// (Resources/ErrorMessages*.resx, keyed by the snake_case code). <c>ErrorCatalogueTests</c> checks every code has both.
/// </summary>
public static class ErrorCatalogue
{
    private static readonly ResourceManager Messages =
        new("AccountAccess.Functions.Resources.ErrorMessages", typeof(ErrorCatalogue).Assembly);

    public static int StatusOf(ErrorCode code) => code switch
    {
        ErrorCode.InvalidRequest => StatusCodes.Status400BadRequest,
        ErrorCode.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorCode.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCode.NotFound => StatusCodes.Status404NotFound,
        ErrorCode.MethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        ErrorCode.InvalidState => StatusCodes.Status409Conflict,
        ErrorCode.InvalidCredentials => StatusCodes.Status401Unauthorized,
        ErrorCode.AccountDeactivated => StatusCodes.Status403Forbidden,
        ErrorCode.AccountDeparted => StatusCodes.Status403Forbidden,
        ErrorCode.AccessRevoked => StatusCodes.Status403Forbidden,
        ErrorCode.WrongPortal => StatusCodes.Status403Forbidden,
        ErrorCode.NoOrganizationLinked => StatusCodes.Status403Forbidden,
        ErrorCode.OrganizationSuspended => StatusCodes.Status403Forbidden,
        ErrorCode.AppUpdateRequired => StatusCodes.Status426UpgradeRequired,
        ErrorCode.LoginTaken => StatusCodes.Status409Conflict,
        ErrorCode.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorCode.PasswordPolicy => StatusCodes.Status400BadRequest,
        ErrorCode.ResetLinkInvalid => StatusCodes.Status400BadRequest,
        ErrorCode.MultipleOrganizations => StatusCodes.Status409Conflict,
        ErrorCode.OtherOrganizations => StatusCodes.Status403Forbidden,
        ErrorCode.InvalidCode => StatusCodes.Status400BadRequest,
        ErrorCode.ChallengeExpired => StatusCodes.Status400BadRequest,
        ErrorCode.PasskeyInvalid => StatusCodes.Status400BadRequest,
        ErrorCode.InvalidSignature => StatusCodes.Status401Unauthorized,
        ErrorCode.ServiceUnavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorCode.InternalError => StatusCodes.Status500InternalServerError,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Every error code needs a status."),
    };

    /// <summary>The message of <paramref name="failure"/>: its code's, or a variant that its details call for.</summary>
    public static string MessageOf(Failure failure, CultureInfo culture) =>
        failure.Code == ErrorCode.AccountDeactivated && failure.Details.TryGetValue("unlockByPasswordReset", out var unlock) && unlock is true
            ? Messages.GetString("account_deactivated_unlock_by_password_reset", culture)!
            : MessageOf(failure.Code, culture);

    /// <summary>The message for <paramref name="code"/> in <paramref name="culture"/> (French or English, English by default).</summary>
    public static string MessageOf(ErrorCode code, CultureInfo culture) =>
        Messages.GetString(Failure.NameOf(code), culture)
        ?? throw new InvalidOperationException($"No message for {Failure.NameOf(code)}.");
}
