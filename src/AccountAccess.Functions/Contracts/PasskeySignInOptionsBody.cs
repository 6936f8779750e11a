namespace AccountAccess.Functions.Contracts;

/// <summary>POST /api/auth/passkey/options: a login typed, or none (any discoverable passkey).</summary>
public sealed record PasskeySignInOptionsBody(string? Login);
