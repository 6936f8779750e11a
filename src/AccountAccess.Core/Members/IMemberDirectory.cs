namespace AccountAccess.Core.Members;

/// <summary>
/// The member index read as a directory: an organization's members found by the start of a name, a status, a role or a
/// unit, in pages, each page a range of the index's keys rather than a read of every account.
/// </summary>
public interface IMemberDirectory
{
    /// <summary>
    /// Up to <paramref name="max"/> members of <paramref name="organizationId"/> that <paramref name="query"/> matches,
    /// after <paramref name="after"/> (the <see cref="MemberPage.Next"/> of the previous page; null for the first).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="after"/> is not a position this query's pages give.</exception>
    Task<MemberPage> FindAsync(string organizationId, MemberQuery query, int max, string? after, CancellationToken cancellationToken);
}
