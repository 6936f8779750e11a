namespace AccountAccess.Core.WelcomeKits;

/// <summary>One person of a batch whose kit went out, and when.</summary>
public sealed record SentWelcomeKit(string UserId, DateTimeOffset SentAt);
