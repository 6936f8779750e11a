namespace AccountAccess.Functions.Auth;

/// <summary>The claims our tokens carry besides the registered ones (<c>iss</c>, <c>aud</c>, <c>exp</c>, <c>iat</c>, <c>nbf</c>, <c>jti</c>).</summary>
public static class AccessTokenClaims
{
    public const string Portal = "portal";
    public const string AppVersion = "appVersion";
    public const string Subject = "sub";

    /// <summary>The session the access token belongs to: it stops working when that session ends.</summary>
    public const string SessionId = "sid";
    public const string Role = "role";

    /// <summary>The <see cref="Role"/> of a support account's token (API.md "Support accounts").</summary>
    public const string OperatorRole = "operator";
    public const string Organization = "org";

    /// <summary>The user's security stamp when the token was issued: a password change, a deactivation… renew it, and end every token.</summary>
    public const string SecurityStamp = "stamp";

    /// <summary>In change and enrolment tokens: the account's credential version (Core's <c>CredentialVersion</c>) when issued.</summary>
    public const string CredentialVersion = "cred";
}
