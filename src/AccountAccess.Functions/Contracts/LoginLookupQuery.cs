using System.ComponentModel;

namespace AccountAccess.Functions.Contracts;

/// <summary>The query string of GET /api/users (API.md "Finding people").</summary>
public sealed record LoginLookupQuery(string Login)
{
    [Description("A username, main email or secondary email, matched exactly as logins are (case-insensitive, trimmed)")]
    public string Login { get; init; } = Login;
}
