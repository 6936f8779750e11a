namespace AccountAccess.Core.Members;

/// <summary>Runs member-index rebuilds in the background, one at a time per scope (an organization, or all of them).</summary>
public interface IMemberIndexWorkflows
{
    /// <summary>
    /// Starts the rebuild <paramref name="request"/> asks for, unless one of the same scope runs already: the id operators
    /// follow it by (<c>GET /api/workflows/MemberIndexRebuild/{id}</c>), and whether this call started it.
    /// </summary>
    Task<(string Id, bool Started)> StartRebuildAsync(MemberIndexRebuildRequest request, CancellationToken cancellationToken);
}
