using System.Globalization;
using AccountAccess.Core.Diagnosis;
using AccountAccess.Core.SignIn;
using AccountAccess.Functions.Auth;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Triggers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountAccess.Functions.Functions;

/// <summary>The support diagnosis: why a person cannot sign in, and who can fix it (API.md "Administration and support").</summary>
public static class SupportFunctions
{
    public static void MapSupportFunctions(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/users").AddEndpointFilter<RequireCallerFilter>();
        api.MapGet("/{userId}/diagnosis", DiagnoseAsync).AsFunction("DiagnoseUser");
    }

    /// <summary>
    /// <c>portal</c> is the application the person tries (default: the one their role uses); <c>appVersion</c>, the app's
    /// version if they use the mobile app.
    /// </summary>
    public static async Task<Results<Ok<DiagnosisResponse>, ApiError>> DiagnoseAsync(
        string userId, string? portal, string? appVersion, HttpContext http, SupportDiagnosis diagnosis, TimeProvider time, CancellationToken cancellationToken)
    {
        Portal? attempted = null;
        if (portal is not null)
        {
            if (!PortalNames.TryGetValue(portal, out var known))
            {
                return ApiError.InvalidField("portal", "one of employee, management, client");
            }

            attempted = known;
        }

        AppVersion? version = null;
        if (appVersion is not null && !AppVersion.TryParse(appVersion, out version))
        {
            return ApiError.InvalidField("appVersion", "a version such as 4.2.1");
        }

        var result = await diagnosis.DiagnoseAsync(http.Caller(), userId, attempted, version, cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(DiagnosisResponse.From(result.Value, time.GetUtcNow(), CultureInfo.CurrentUICulture))
            : new ApiError(result.Failure!);
    }

    private static readonly Dictionary<string, Portal> PortalNames = new(StringComparer.Ordinal)
    {
        ["employee"] = Portal.Employee,
        ["management"] = Portal.Management,
        ["client"] = Portal.Client,
    };
}
