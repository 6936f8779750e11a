namespace AccountAccess.Functions.Orchestrations.ResetLinks;

/// <summary>The event that ends a reset-link orchestration early: its link was redeemed.</summary>
public sealed record ResetLinkUsed(string LinkId)
{
    public const string EventName = "ResetLinkUsed";
}
