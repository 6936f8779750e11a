namespace AccountAccess.Core.Errors;

/// <summary>
/// The error codes of the HTTP contract (API.md). The wire form is the snake_case of the member name
/// (<c>InvalidCredentials</c> → <c>invalid_credentials</c>), so a code cannot drift from its name.
/// The HTTP status and the French and English messages of each code live in one catalogue in the host.
/// </summary>
public enum ErrorCode
{
    InvalidRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    InvalidState,
    InvalidCredentials,
    AccountDeactivated,
    AccountDeparted,
    AccessRevoked,
    WrongPortal,
    NoOrganizationLinked,
    OrganizationSuspended,
    AppUpdateRequired,
    LoginTaken,
    TooManyRequests,
    PasswordPolicy,
    ResetLinkInvalid,
    MultipleOrganizations,

    /// <summary>A change to the whole account by an organization's administrator or supervisor, while the user belongs to another organization too.</summary>
    OtherOrganizations,
    InvalidCode,
    ChallengeExpired,

    /// <summary>A passkey ceremony's answer was refused; <c>details.reason</c> is a <c>PasskeyProblem</c>.</summary>
    PasskeyInvalid,
    InvalidSignature,
    ServiceUnavailable,
    InternalError,
}
