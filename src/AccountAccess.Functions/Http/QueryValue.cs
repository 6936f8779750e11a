using System.Globalization;
using System.Reflection;
using AccountAccess.Core.Errors;
using AccountAccess.Functions.Errors;

namespace AccountAccess.Functions.Http;

/// <summary>Query-string parameters, read by the functions themselves: a value given twice, or not a number where one is expected, is named.</summary>
public static class QueryValue
{
    /// <summary>The one value of <paramref name="name"/> (null when absent), or the error when it is given more than once.</summary>
    public static ApiError? Single(HttpRequest request, string name, out string? value)
    {
        var values = request.Query[name];
        value = values.Count == 1 ? values[0] : null;
        return values.Count > 1 ? ApiError.InvalidField(name, "give it once") : null;
    }

    /// <summary>The whole number <paramref name="name"/> (null when absent), or the error when it is not one.</summary>
    public static ApiError? Integer(HttpRequest request, string name, out int? value)
    {
        value = null;
        if (Single(request, name, out var text) is { } twice)
        {
            return twice;
        }

        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return ApiError.InvalidField(name, "has the wrong type or value");
        }

        value = number;
        return null;
    }

    /// <summary>The member of <typeparamref name="TEnum"/> whose wire name (snake_case) is <paramref name="name"/>'s value (null when absent), or the error naming the choices.</summary>
    public static ApiError? Enum<TEnum>(HttpRequest request, string name, out TEnum? value)
        where TEnum : struct, System.Enum
    {
        value = null;
        if (Single(request, name, out var text) is { } twice)
        {
            return twice;
        }

        if (text is null)
        {
            return null;
        }

        var choices = System.Enum.GetValues<TEnum>();
        if (!choices.Any(c => c.ToSnakeCase() == text))
        {
            return ApiError.InvalidField(name, "one of " + string.Join(", ", choices.Select(c => c.ToSnakeCase())));
        }

        value = choices.First(c => c.ToSnakeCase() == text);
        return null;
    }

    /// <summary>
    /// The query string as <typeparamref name="T"/> (<see cref="ReadsQueryAttribute"/>), each parameter read in the order of
    /// the record's constructor — a string as <see cref="Single"/>, a whole number as <see cref="Integer"/>, a closed set as
    /// <see cref="Enum{TEnum}"/> — or the error of the first that is not what it should be. An absent parameter is null:
    /// whether it must be given is the function's to say, after it has said who may ask.
    /// </summary>
    public static ApiError? Read<T>(HttpRequest request, out T query)
        where T : class
    {
        query = null!;
        var values = new List<object?>();
        foreach (var parameter in QueryParameter.Of(typeof(T)))
        {
            ApiError? invalid;
            object? value;
            if (parameter.Type == typeof(string))
            {
                invalid = Single(request, parameter.Name, out var text);
                value = text;
            }
            else if (parameter.Type == typeof(int))
            {
                invalid = Integer(request, parameter.Name, out var number);
                value = number;
            }
            else if (parameter.Type.IsEnum)
            {
                var arguments = new object?[] { request, parameter.Name, null };
                invalid = (ApiError?)EnumReader.MakeGenericMethod(parameter.Type).Invoke(null, arguments);
                value = arguments[2];
            }
            else
            {
                throw new NotSupportedException($"{typeof(T).Name}.{parameter.Name}: a query parameter is a string, a whole number or a closed set.");
            }

            if (invalid is not null)
            {
                return invalid;
            }

            values.Add(value);
        }

        query = (T)typeof(T).GetConstructors().Single().Invoke([.. values]);
        return null;
    }

    private static readonly MethodInfo EnumReader = typeof(QueryValue).GetMethod(nameof(Enum))!;
}
