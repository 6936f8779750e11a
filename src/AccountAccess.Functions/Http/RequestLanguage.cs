using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace AccountAccess.Functions.Http;

/// <summary>
/// The language of an answer (API.md "Conventions"): French when <c>Accept-Language</c> prefers <c>fr</c>, English
/// otherwise. Read from the request itself rather than the ambient culture, because under the Functions host a result is
/// written after the function's own flow has ended.
/// </summary>
public static class RequestLanguage
{
    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en");

    public static CultureInfo French { get; } = CultureInfo.GetCultureInfo("fr");

    public static CultureInfo Of(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var languages))
        {
            return English;
        }

        foreach (var language in languages.Where(l => (l.Quality ?? 1) > 0).OrderByDescending(l => l.Quality ?? 1))
        {
            var tag = language.Value.Value ?? string.Empty;
            if (IsLanguage(tag, "fr"))
            {
                return French;
            }

            if (IsLanguage(tag, "en"))
            {
                return English;
            }
        }

        return English;
    }

    private static bool IsLanguage(string tag, string language) =>
        tag.Equals(language, StringComparison.OrdinalIgnoreCase)
        || (tag.StartsWith(language, StringComparison.OrdinalIgnoreCase) && tag.Length > language.Length && tag[language.Length] == '-');
}
