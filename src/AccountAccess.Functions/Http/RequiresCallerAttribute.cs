namespace AccountAccess.Functions.Http;

/// <summary>
/// The function needs an operator or a signed-in user: <c>401 unauthorized</c> without one. The caller is then available
/// as <see cref="Hosting.HttpContextExtensions.Caller"/>; what they may do is Core's decision (<c>AccessRules</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresCallerAttribute : Attribute;
