namespace AccountAccess.Functions.Contracts;

/// <summary>GET /api/account/passkeys: the account's passkeys, oldest first.</summary>
public sealed record PasskeysResponse(IReadOnlyList<PasskeyResponse> Passkeys);
