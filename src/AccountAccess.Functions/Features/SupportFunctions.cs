using System.Globalization;
using AccountAccess.Core.Authorization;
using AccountAccess.Core.Diagnosis;
using AccountAccess.Core.SignIn;
using AccountAccess.Functions.Contracts;
using AccountAccess.Functions.Errors;
using AccountAccess.Functions.Hosting;
using AccountAccess.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace AccountAccess.Functions.Features;

/// <summary>The support diagnosis: why a person cannot sign in, and who can fix it (API.md "Administration and support").</summary>
public sealed class SupportFunctions(SupportDiagnosis diagnosis, TimeProvider time)
{
    private static readonly Dictionary<string, Portal> PortalNames = new(StringComparer.Ordinal)
    {
        ["employee"] = Portal.Employee,
        ["management"] = Portal.Management,
        ["client"] = Portal.Client,
    };

    /// <summary>
    /// <c>?portal=</c> is the application the person tries (default: the one their role uses); <c>?appVersion=</c>, the
    /// app's version if they use the mobile app.
    /// </summary>
    [Function(nameof(DiagnoseUser))]
    [OpenApiOperation("Why a user cannot sign in: blockers, remedies and the trail")]
    [RequiresCaller]
    [ActsOnUser(UserAction.ViewDiagnosis)]
    public async Task<Results<Ok<DiagnosisResponse>, ApiError>> DiagnoseUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/{userId}/diagnosis")] HttpRequest req,
        string userId,
        CancellationToken cancellationToken)
    {
        if (QueryValue.Single(req, "portal", out var portal) is { } portalTwice)
        {
            return portalTwice;
        }

        if (QueryValue.Single(req, "appVersion", out var appVersion) is { } versionTwice)
        {
            return versionTwice;
        }

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

        var result = await diagnosis.DiagnoseAsync(req.HttpContext.Caller(), userId, attempted, version, cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(DiagnosisResponse.From(result.Value, time.GetUtcNow(), CultureInfo.CurrentUICulture))
            : new ApiError(result.Failure!);
    }
}
