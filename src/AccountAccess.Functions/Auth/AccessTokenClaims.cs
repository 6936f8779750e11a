namespace AccountAccess.Functions.Auth;

/// <summary>The claims of an access token and the values that bind it to this service.</summary>
public static class AccessTokenClaims
{
    public const string Issuer = "AccountAccess";
    public const string Audience = "AccountAccess";
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Organization = "org";
    public const string SecurityStamp = "stamp";
}
