using System.Globalization;
using System.Text;
using AccountAccess.Core.Accounts;

namespace AccountAccess.Core.Members;

/// <summary>
/// The form names are searched in: as logins are normalised (<see cref="LoginName"/>: NFKC, trimmed, lower case), then
/// without diacritics and with runs of spaces made one, so "Éloïse", "eloise" and "ELOISE " find each other. The member
/// index is keyed by these forms, so a prefix search is a range of keys.
/// </summary>
public static class SearchText
{
    /// <summary>The longest term kept: a longer name is found by its first <see cref="MaxLength"/> characters.</summary>
    public const int MaxLength = 64;

    /// <summary>The most later words of a display name a search may start at, besides its first.</summary>
    public const int MaxWords = 6;

    private static readonly char[] WordSeparators = [' ', '-', '\'', '’', '.', ','];

    /// <summary>The searchable form of <paramref name="text"/>, at most <see cref="MaxLength"/> characters.</summary>
    public static string Normalize(string text)
    {
        var decomposed = LoginName.Normalize(text).Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (kept.Length > 0 && kept[^1] != ' ')
                {
                    kept.Append(' ');
                }

                continue;
            }

            kept.Append(c);
        }

        var normalized = kept.ToString().Trim().Normalize(NormalizationForm.FormC);
        if (normalized.Length <= MaxLength)
        {
            return normalized;
        }

        // Never half a surrogate pair: the cut must still be text.
        var cut = char.IsHighSurrogate(normalized[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return normalized[..cut].TrimEnd();
    }

    /// <summary>
    /// What a search finds <paramref name="member"/> by: the start of its username, its main email, its display name, or
    /// of its display name from any later word on (a family name), each normalised, without repeats.
    /// </summary>
    public static IReadOnlyList<string> TermsOf(OrganizationMember member)
    {
        var terms = new List<string> { Normalize(member.Username) };
        if (member.Email is not null)
        {
            terms.Add(Normalize(member.Email));
        }

        var name = Normalize(member.DisplayName);
        terms.Add(name);
        terms.AddRange(LaterWordStarts(name).Take(MaxWords).Select(start => name[start..]));
        return terms.Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    // Where each word after the first begins. A term runs from there to the end of the name, so "Tremblay-Roy" is found by
    // "roy" and "Jean-Marc Dupont" by "marc dup" as well as by "dupont".
    private static IEnumerable<int> LaterWordStarts(string name)
    {
        for (var i = 1; i < name.Length; i++)
        {
            if (Array.IndexOf(WordSeparators, name[i - 1]) >= 0 && Array.IndexOf(WordSeparators, name[i]) < 0)
            {
                yield return i;
            }
        }
    }

    /// <summary>The key a list of members is sorted by: the display name, searchable form.</summary>
    public static string SortKeyOf(OrganizationMember member) => Normalize(member.DisplayName);
}
