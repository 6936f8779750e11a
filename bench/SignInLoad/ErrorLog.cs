namespace SignInLoad;

/// <summary>Failed sign-ins grouped by what came back, for the summary.</summary>
internal sealed class ErrorLog
{
    private readonly Dictionary<string, int> counts = [];

    public void Add(string what)
    {
        lock (counts)
        {
            counts[what] = counts.GetValueOrDefault(what) + 1;
        }
    }

    public IReadOnlyDictionary<string, int> Snapshot()
    {
        lock (counts)
        {
            return new Dictionary<string, int>(counts);
        }
    }
}
