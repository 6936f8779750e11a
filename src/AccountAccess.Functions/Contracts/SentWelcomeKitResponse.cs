namespace AccountAccess.Functions.Contracts;

/// <summary>A person of a welcome-kit batch whose kit went out, and when.</summary>
public sealed record SentWelcomeKitResponse(string UserId, DateTimeOffset SentAt);
