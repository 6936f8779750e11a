namespace AccountAccess.Core.SignIn;

/// <summary>Service-wide lockout settings (configuration <c>Lockouts:*</c>).</summary>
public sealed record LockoutSettings
{
    /// <summary>Replaces every organization's <c>lockoutMinutes</c>, so tests and demos can wait seconds. Defaults to null.</summary>
    public TimeSpan? DurationOverride { get; init; }
}
