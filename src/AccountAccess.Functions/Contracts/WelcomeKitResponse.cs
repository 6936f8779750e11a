namespace AccountAccess.Functions.Contracts;

/// <summary>202 of POST /api/users/{userId}/welcome-kit. Never the link: it goes only to the user's email.</summary>
public sealed record WelcomeKitResponse(WelcomeKitStatus Status, DateTimeOffset? SentAt, DateTimeOffset? LinkExpiresAt);
