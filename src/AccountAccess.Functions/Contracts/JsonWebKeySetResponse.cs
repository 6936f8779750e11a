using AccountAccess.Functions.Auth;

namespace AccountAccess.Functions.Contracts;

/// <summary><c>GET /api/auth/jwks</c>: the public keys tokens are checked with (RFC 7517 JWK Set).</summary>
public sealed record JsonWebKeySetResponse(IReadOnlyList<PublishedKey> Keys);
