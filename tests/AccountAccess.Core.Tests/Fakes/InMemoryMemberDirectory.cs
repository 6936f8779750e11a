using AccountAccess.Core.Accounts;
using AccountAccess.Core.Members;

namespace AccountAccess.Core.Tests.Fakes;

/// <summary>
/// <see cref="IMemberDirectory"/> over an <see cref="InMemoryUserStore"/>'s member entries, with the Table directory's
/// contract: members in name order, pages of at most <c>max</c>, a position to continue after, a refused position that is
/// not one of its own.
/// </summary>
public sealed class InMemoryMemberDirectory(InMemoryUserStore users) : IMemberDirectory
{
    public async Task<MemberPage> FindAsync(string organizationId, MemberQuery query, int max, string? after, CancellationToken cancellationToken)
    {
        if (after is not null && !after.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException("Not a position of this search.", nameof(after));
        }

        var matching = (await users.ListMembersAsync(organizationId, cancellationToken))
            .Where(query.Matches)
            .Select(m => (Position: SearchText.SortKeyOf(m) + "|" + m.UserId, Member: m))
            .Where(p => after is null || string.CompareOrdinal(p.Position, after) > 0)
            .OrderBy(p => p.Position, StringComparer.Ordinal)
            .ToList();
        var page = matching.Take(max).ToList();
        return new MemberPage(page.Select(p => p.Member).ToList(), matching.Count > max ? page[^1].Position : null);
    }
}
