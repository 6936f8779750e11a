namespace AccountAccess.Testing;

/// <summary>Where things are in the repository, found from the test assembly's folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration the tests were built in, so the app under test is the same build.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory).Parent?.Parent?.Name is "Release" ? "Release" : "Debug";

    public static string Azurite => Path.Combine(Root, "node_modules", ".bin", "azurite");

    /// <summary>The app under its standalone host (the stand-in for the Functions host that the tests start).</summary>
    public static string StandaloneHost =>
        Path.Combine(Root, "src", "AccountAccess.StandaloneHost", "bin", Configuration, "net10.0", "AccountAccess.StandaloneHost.dll");

    /// <summary>The app's build output (functions.metadata, host.json and the worker), as the Functions host finds it.</summary>
    public static string FunctionsApp =>
        Path.Combine(Root, "src", "AccountAccess.Functions", "bin", Configuration, "net10.0");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
