namespace WelcomeKits;

/// <summary>One .eml file of the pickup folder: whom it is to, when it was written and when the driver saw it.</summary>
internal sealed record Email(string File, string To, TimeSpan WrittenAfter, TimeSpan SeenAfter);

/// <summary>
/// Lists the app's email pickup folder and reads the <c>To:</c> header of each new <c>.eml</c> file. The app writes each
/// message under a temporary name and renames it to <c>.eml</c>, so a listed <c>.eml</c> is complete; its last-write
/// time is when the app wrote it, more precise than when a poll noticed it.
/// </summary>
internal sealed class PickupWatcher(string directory)
{
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);

    /// <summary>The emails already there; later polls report only what came after.</summary>
    public IReadOnlyList<Email> Baseline() => Poll(DateTime.UtcNow, TimeSpan.Zero);

    public IReadOnlyList<Email> Poll(DateTime sinceUtc, TimeSpan now)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var found = new List<Email>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.eml"))
        {
            if (seen.Contains(path))
            {
                continue;
            }

            string? to;
            DateTime written;
            try
            {
                to = ReadTo(path);
                written = File.GetLastWriteTimeUtc(path);
            }
            catch (IOException)
            {
                continue; // read again at the next poll
            }

            seen.Add(path);
            found.Add(new Email(Path.GetFileName(path), to ?? "", written - sinceUtc, now));
        }

        return found;
    }

    /// <summary>The address of the <c>To:</c> header (folded lines joined), lower case; null when there is none.</summary>
    internal static string? ReadTo(string path)
    {
        using var reader = new StreamReader(path);
        string? value = null;
        var inTo = false;
        for (var line = reader.ReadLine(); !string.IsNullOrEmpty(line); line = reader.ReadLine())
        {
            if (line[0] is ' ' or '\t')
            {
                if (inTo)
                {
                    value += " " + line.Trim();
                }

                continue;
            }

            inTo = line.StartsWith("To:", StringComparison.OrdinalIgnoreCase);
            if (inTo)
            {
                value = line[3..].Trim();
            }
            else if (value is not null)
            {
                break;
            }
        }

        if (value is null)
        {
            return null;
        }

        var open = value.LastIndexOf('<');
        var close = value.LastIndexOf('>');
        return (open >= 0 && close > open ? value[(open + 1)..close] : value).Trim().ToLowerInvariant();
    }
}
