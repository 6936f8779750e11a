namespace AccountAccess.Core.WelcomeKits;

/// <summary>One user of a <see cref="WelcomeKitFanOut"/>: a kit to send, or (<paramref name="SkippedFor"/> set) a skip to put on record.</summary>
public sealed record WelcomeKitTarget(string UserId, WelcomeKitSkipReason? SkippedFor = null);
