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
            _ => ComparePreRelease(PreRelease, other.PreRelease),
        };
    }

    /// <summary>Equal when neither is newer: 3.2 equals 3.2.0, as <see cref="CompareTo"/> says.</summary>
    public bool Equals(AppVersion? other) => other is not null && CompareTo(other) == 0;

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var part in Parts.Reverse().SkipWhile(p => p == 0))
        {
            hash.Add(part);
        }

        hash.Add(PreRelease, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    public override string ToString() =>
        string.Join('.', Parts) + (PreRelease is null ? string.Empty : "-" + PreRelease);

    private int PartAt(int index) => index < Parts.Count ? Parts[index] : 0;

    // SemVer 2.0.0 §11.4: dot-separated identifiers one by one; numeric ones as numbers and below alphanumeric ones;
    // a longer list wins when all before are equal (beta.2 < beta.10 < beta.10.1).
    private static int ComparePreRelease(string left, string right)
    {
        var (a, b) = (left.Split('.'), right.Split('.'));
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var aNumeric = long.TryParse(a[i], out var aNumber) && a[i].All(char.IsAsciiDigit);
            var bNumeric = long.TryParse(b[i], out var bNumber) && b[i].All(char.IsAsciiDigit);
            var compared = (aNumeric, bNumeric) switch
            {
                (true, true) => aNumber.CompareTo(bNumber),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a[i], b[i]),
            };
            if (compared != 0)
            {
                return compared;
            }
        }

        return a.Length.CompareTo(b.Length);
    }
}
