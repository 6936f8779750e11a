using AccountAccess.Core.Accounts;
using AccountAccess.Core.Members;

namespace AccountAccess.Storage.Tests;

/// <summary>Reads every page of a member query, as a client following continuation tokens would.</summary>
internal static class MemberDirectoryPaging
{
    public static async Task<IReadOnlyList<OrganizationMember>> FindAllAsync(this TableMemberDirectory directory, string organizationId, MemberQuery query)
    {
        var found = new List<OrganizationMember>();
        string? after = null;
        do
        {
            var page = await directory.FindAsync(organizationId, query, 50, after, CancellationToken.None);
            found.AddRange(page.Members);
            after = page.Next;
        }
        while (after is not null);

        return found;
    }
}
