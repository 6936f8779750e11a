namespace AccountAccess.Functions.Http;

/// <summary>
/// The function reads a JSON body of <see cref="BodyType"/> itself, from the raw request (the billing webhook, whose
/// signature covers the raw bytes): documents the body for the OpenAPI document and the bad-input tests.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadsJsonBodyAttribute(Type bodyType) : Attribute
{
    public Type BodyType { get; } = bodyType;
}
