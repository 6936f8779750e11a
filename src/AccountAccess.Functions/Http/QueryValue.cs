using System.Globalization;
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
}
