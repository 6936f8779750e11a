namespace AccountAccess.Core.SignIn;

/// <summary>A signed bearer token and when it stops working.</summary>
public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt);
