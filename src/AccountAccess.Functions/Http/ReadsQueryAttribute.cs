namespace AccountAccess.Functions.Http;

/// <summary>
/// The function reads its query string into <see cref="QueryType"/> (a positional record of strings, whole numbers and
/// closed sets) with <see cref="QueryValue.Read{T}"/>: one place names the parameters, for the function that parses them
/// and for the OpenAPI document that lists them (each with its schema, its <c>[Description]</c>, its <c>[Range]</c> and
/// its <c>[DefaultValue]</c>), so the two cannot drift.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadsQueryAttribute(Type queryType) : Attribute
{
    public Type QueryType { get; } = queryType;
}
