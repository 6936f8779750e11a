namespace AccountAccess.Core.WelcomeKits;

/// <summary>What one scheduled run did: accounts listed as due, kits sent, accounts another sender held, failed deliveries, stale entries removed.</summary>
public sealed record WelcomeKitScheduleRun(int Due, int Sent, int Busy, int NotDelivered, int Removed);
