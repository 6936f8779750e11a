namespace AccountAccess.Core.Audit;

/// <summary>Who can cause a change.</summary>
public enum ActorKind
{
    /// <summary>Someone not signed in: a sign-in attempt, a forgot-password request.</summary>
    Anonymous,

    /// <summary>A signed-in user (the user itself, an administrator or a supervisor).</summary>
    User,

    /// <summary>The platform's support team, with the operator key.</summary>
    Operator,

    /// <summary>The service itself: a timer, a workflow.</summary>
    System,

    /// <summary>The billing system, through its signed webhook.</summary>
    BillingSystem,
}
