namespace AccountAccess.Core.Audit;

/// <summary>Who did something: the "who" of an audit event.</summary>
public sealed record Actor(ActorKind Kind, string? UserId = null)
{
    public static Actor Anonymous { get; } = new(ActorKind.Anonymous);

    public static Actor Operator { get; } = new(ActorKind.Operator);

    public static Actor System { get; } = new(ActorKind.System);

    public static Actor BillingSystem { get; } = new(ActorKind.BillingSystem);

    public static Actor ForUser(string userId) => new(ActorKind.User, userId);
}
