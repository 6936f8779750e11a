namespace AccountAccess.Core.WelcomeKits;

/// <summary>What a sender should do with a request, decided from the account as read (<see cref="WelcomeKitRules.Decide"/>).</summary>
public abstract record WelcomeKitDecision
{
    public sealed record Send : WelcomeKitDecision;

    public sealed record Skip(WelcomeKitSkipReason Reason) : WelcomeKitDecision;

    public sealed record AlreadyHandled : WelcomeKitDecision;

    public sealed record Busy(DateTimeOffset Until) : WelcomeKitDecision;

    /// <summary>Only for the schedule: the account does not await a scheduled kit.</summary>
    public sealed record NotDue : WelcomeKitDecision;
}
