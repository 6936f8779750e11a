namespace AccountAccess.Testing;

/// <summary>Where things are in the repository, found from the test assembly's folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration the tests were built in, so the app under test is the same build.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory).Parent?.Parent?.Name is "Release" ? "Release" : "Debug";

    public static string Azurite => Path.Combine(Root, "node_modules", ".bin", "azurite");

    public static string FunctionsApp =>
        Path.Combine(Root, "src", "AccountAccess.Functions", "bin", Configuration, "net10.0", "AccountAccess.Functions.dll");

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
