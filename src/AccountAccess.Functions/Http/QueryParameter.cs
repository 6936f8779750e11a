using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;

namespace AccountAccess.Functions.Http;

/// <summary>
/// One query-string parameter of a query record (<see cref="ReadsQueryAttribute"/>): its wire name (the record's parameter
/// in camelCase), its type without <c>?</c>, whether it must be given, and what its attributes say of it.
/// </summary>
public sealed record QueryParameter(string Name, Type Type, bool Required, string? Description, RangeAttribute? Range, object? Default)
{
    /// <summary>The parameters of <paramref name="queryType"/>, in the order of its constructor (the order they are checked in).</summary>
    public static IReadOnlyList<QueryParameter> Of(Type queryType)
    {
        var constructor = queryType.GetConstructors().Single();
        var nullability = new NullabilityInfoContext();
        return constructor.GetParameters().Select(p =>
        {
            var property = queryType.GetProperty(p.Name!)!;
            var underlying = Nullable.GetUnderlyingType(p.ParameterType);
            return new QueryParameter(
                JsonNamingPolicy.CamelCase.ConvertName(p.Name!),
                underlying ?? p.ParameterType,
                underlying is null && nullability.Create(p).ReadState == NullabilityState.NotNull,
                property.GetCustomAttribute<DescriptionAttribute>()?.Description,
                property.GetCustomAttribute<RangeAttribute>(),
                property.GetCustomAttribute<DefaultValueAttribute>()?.Value);
        }).ToList();
    }
}
