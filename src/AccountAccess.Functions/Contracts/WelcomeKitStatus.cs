namespace AccountAccess.Functions.Contracts;

/// <summary>What a one-click welcome kit did: sent now, or another sender (a batch, the schedule) was sending one at that moment.</summary>
public enum WelcomeKitStatus
{
    Sent,
    BeingSent,
}
