namespace AccountAccess.Functions.Auth;

/// <summary>The claims of an access token and the values that bind it to this service.</summary>
public static class AccessTokenClaims
{
    public const string Issuer = "AccountAccess";
    public const string Audience = "AccountAccess";

    /// <summary>Change tokens have their own audience, so one can never pass for an access token, nor the reverse.</summary>
    public const string ChangeTokenAudience = "AccountAccess.PasswordChange";
    public const string EnrollmentTokenAudience = "AccountAccess.TwoFactorEnrollment";
    public const string Portal = "portal";
    public const string AppVersion = "appVersion";
    public const string Subject = "sub";
    public const string Role = "role";

    /// <summary>The <see cref="Role"/> of a support account's token (API.md "Support accounts").</summary>
    public const string OperatorRole = "operator";
    public const string Organization = "org";
    public const string SecurityStamp = "stamp";

    /// <summary>In change and enrolment tokens: the account's credential version (Core's <c>CredentialVersion</c>) when issued.</summary>
    public const string CredentialVersion = "cred";
}
