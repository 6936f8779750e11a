namespace AccountAccess.Core.WelcomeKits;

/// <summary>A user a batch sends no kit to, and why.</summary>
public sealed record SkippedMember(string UserId, WelcomeKitSkipReason Reason);
