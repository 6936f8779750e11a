using System.Diagnostics.CodeAnalysis;

namespace AccountAccess.Core.SignIn;

/// <summary>
/// A mobile-app version compared the semantic-versioning way: numerically part by part (3.10.0 &gt; 3.2.0, 3.2 = 3.2.0),
/// and a pre-release below its release (3.2.0-beta &lt; 3.2.0).
/// </summary>
public sealed record AppVersion(IReadOnlyList<int> Parts, string? PreRelease) : IComparable<AppVersion>
{
    private const int MaxParts = 4;

    public static bool TryParse(string? text, [NotNullWhen(true)] out AppVersion? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }

        var core = text.Trim();
        var buildAt = core.IndexOf('+');
        if (buildAt >= 0)
        {
            core = core[..buildAt];
        }

        string? preRelease = null;
        var dashAt = core.IndexOf('-');
        if (dashAt >= 0)
        {
            preRelease = core[(dashAt + 1)..];
            core = core[..dashAt];
            if (preRelease.Length == 0)
            {
                return false;
            }
        }

        var pieces = core.Split('.');
        if (pieces.Length > MaxParts)
        {
            return false;
        }

        var parts = new int[pieces.Length];
        for (var i = 0; i < pieces.Length; i++)
        {
            if (pieces[i].Length == 0 || !pieces[i].All(char.IsAsciiDigit) || !int.TryParse(pieces[i], out parts[i]))
            {
                return false;
            }
        }

        version = new AppVersion(parts, preRelease);
        return true;
    }

    public int CompareTo(AppVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        for (var i = 0; i < MaxParts; i++)
        {
            var compared = PartAt(i).CompareTo(other.PartAt(i));
            if (compared != 0)
            {
                return compared;
            }
        }

        return (PreRelease, other.PreRelease) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => string.CompareOrdinal(PreRelease, other.PreRelease),
        };
    }

    public override string ToString() =>
        string.Join('.', Parts) + (PreRelease is null ? string.Empty : "-" + PreRelease);

    private int PartAt(int index) => index < Parts.Count ? Parts[index] : 0;
}
