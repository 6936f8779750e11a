namespace AccountAccess.Functions.Http;

/// <summary>The function is the support team's own: operator key required (401 without credentials, 403 for anyone else).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresOperatorAttribute : Attribute;
