using System.Globalization;
using System.Text;
using AccountAccess.Core.Accounts;
using AccountAccess.Core.Errors;
using AccountAccess.Core.Members;

namespace AccountAccess.Storage;

/// <summary>
/// The row keys of the member index (the <c>Members</c> table, one partition per organization), in one place for its writer
/// (<see cref="MemberIndex"/>) and reader (<see cref="TableMemberDirectory"/>). Beside each member's own row (keyed by its
/// user id, <c>usr_…</c>) the index holds rows whose keys sort the way a list is read, so every search is a range of keys:
/// <list type="bullet">
/// <item><c>n|{name}|{userId}</c>: every member, by display name;</item>
/// <item><c>t|{term}|{userId}</c>: one per search term (username, email, display name, each of its words), for a prefix;</item>
/// <item><c>s|{status}|{name}|{userId}</c>: one per status the member may have (<see cref="MemberStatuses.CandidatesOf"/>);</item>
/// <item><c>u|{unitId}|{name}|{userId}</c>: one per unit (at most <see cref="MaxUnits"/>);</item>
/// <item><c>r|{role}|{name}|{userId}</c>: the member's role in the organization;</item>
/// <item><c>rs|{role}|{status}|{name}|{userId}</c>: one per status the member may have, under its role (a role and a status);</item>
/// <item><c>p|{ticks}|{userId}</c>: a member with a password, by when it was set (UTC ticks, 19 digits; all zeros once
/// rotation marked it expired), so <c>password_expired</c> — which the time decides, not a write — is the range of
/// passwords set no later than now minus the organization's maximum age (<see cref="PasswordAging"/>), listed oldest
/// first.</item>
/// </list>
/// A search by a prefix reads its terms whatever else it names (few members share the start of a name); by a unit, the
/// unit's rows (a role filtered among them). Rows keyed by a role came after the others: entries written before them are
/// given them by a rebuild (docs/operator.md, "Rebuilding the member index").
/// Names and terms are <see cref="SearchText"/>'s forms with the characters tables refuse in keys escaped one by one
/// (<c>%XX</c>), which keeps "starts with" intact. Unlike the <c>Logins</c> table these keys hold names in clear: a prefix
/// cannot be searched through a hash. They live in the organization's own partition and go with the member.
/// </summary>
internal static class MemberIndexKeys
{
    /// <summary>Unit rows one member gets; a member of more units is found through its other rows (by name or status).</summary>
    public const int MaxUnits = 30;

    private const string Names = "n|";
    private const string Terms = "t|";
    private const string Statuses = "s|";
    private const string Units = "u|";
    private const string Roles = "r|";
    private const string RoleStatuses = "rs|";
    private const string Passwords = "p|";
    private const string TicksFormat = "D19";

    /// <summary>The member rows (keyed by user id) and nothing else: ids start <c>usr_</c>, and '`' follows '_'.</summary>
    public static string MemberRowsFilter(string organizationId) =>
        $"PartitionKey eq '{organizationId}' and RowKey ge 'usr_' and RowKey lt 'usr`'";

    /// <summary>Every index row of <paramref name="member"/> besides its own.</summary>
    public static IReadOnlyList<string> Of(OrganizationMember member)
    {
        var name = Escape(SearchText.SortKeyOf(member));
        var keys = new List<string> { $"{Names}{name}|{member.UserId}" };
        keys.AddRange(SearchText.TermsOf(member).Select(term => TermKey(term, member.UserId)));
        var statuses = MemberStatuses.CandidatesOf(member);
        keys.AddRange(statuses.Select(status => $"{Statuses}{status.ToSnakeCase()}|{name}|{member.UserId}"));
        keys.Add($"{Roles}{member.Role.ToSnakeCase()}|{name}|{member.UserId}");
        keys.AddRange(statuses.Select(status => $"{RoleStatuses}{member.Role.ToSnakeCase()}|{status.ToSnakeCase()}|{name}|{member.UserId}"));
        if (member.Password is { } password)
        {
            keys.Add($"{Passwords}{PasswordPosition(password.ExpiredAt is null ? password.ChangedAt : DateTimeOffset.MinValue)}|{member.UserId}");
        }

        keys.AddRange(member.UnitIds.Where(TableKeys.IsSafeId).Distinct().Order(StringComparer.Ordinal).Take(MaxUnits)
            .Select(unitId => $"{Units}{unitId}|{name}|{member.UserId}"));
        return keys.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The <c>t|</c> row of <paramref name="member"/> for <paramref name="term"/>.</summary>
    public static string TermKey(string term, string userId) => $"{Terms}{Escape(term)}|{userId}";

    /// <summary>The range of keys that holds every member <paramref name="query"/> may find: the narrowest it names.</summary>
    public static KeyRange RangeFor(MemberQuery query)
    {
        if (query.Prefix is { } prefix)
        {
            var start = Terms + Escape(prefix);
            return new KeyRange(start, AfterEveryKeyStartingWith(start), IsTermRange: true);
        }

        if (query.Status is MemberStatus.PasswordExpired)
        {
            // Marked expired (all zeros), or set no later than the cutoff: every key below the cutoff's next tick.
            var cutoff = query.Passwords.ChangedNoLaterThan(query.At) is { } changedBy && changedBy > DateTimeOffset.MinValue
                ? changedBy.AddTicks(1) : DateTimeOffset.MinValue.AddTicks(1);
            return new KeyRange(Passwords, Passwords + PasswordPosition(cutoff), IsTermRange: false);
        }

        if (query.Status is { } status)
        {
            return query.Role is { } withRole
                ? Below($"{RoleStatuses}{withRole.ToSnakeCase()}|{status.ToSnakeCase()}|")
                : Below($"{Statuses}{status.ToSnakeCase()}|");
        }

        if (query.SingleUnit is { } unitId && TableKeys.IsSafeId(unitId))
        {
            return Below($"{Units}{unitId}|");
        }

        if (query.Role is { } role)
        {
            return Below($"{Roles}{role.ToSnakeCase()}|");
        }

        return Below(Names);
    }

    private static string PasswordPosition(DateTimeOffset at) => at.UtcTicks.ToString(TicksFormat, CultureInfo.InvariantCulture);

    private static KeyRange Below(string prefix) => new(prefix, AfterEveryKeyStartingWith(prefix), IsTermRange: false);

    // The first string after every string that starts with `prefix`: its last character one higher.
    private static string AfterEveryKeyStartingWith(string prefix) =>
        prefix[^1] == char.MaxValue ? prefix + char.MaxValue : prefix[..^1] + (char)(prefix[^1] + 1);

    /// <summary>
    /// Percent-escapes, one character at a time, what keys may not hold ('/', '\', '#', '?', control characters) and '%'
    /// itself: a character-by-character code, so a term starts with a prefix exactly when its escaped form does.
    /// </summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                escaped.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    /// <summary>Keys from <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive).</summary>
    public sealed record KeyRange(string Start, string End, bool IsTermRange)
    {
        public bool Contains(string key) =>
            string.CompareOrdinal(key, Start) >= 0 && string.CompareOrdinal(key, End) < 0;
    }
}
