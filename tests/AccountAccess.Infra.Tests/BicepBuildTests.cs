using AccountAccess.Testing;

namespace AccountAccess.Infra.Tests;

/// <summary>The Bicep files compile, and the compiler and its linter (on by default) have nothing to say about them.</summary>
[Collection(CompiledTemplateCollection.Name)]
public class BicepBuildTests(CompiledTemplate compiled)
{
    public static IReadOnlyList<string> Files { get; } =
        Directory.EnumerateFiles(CompiledTemplate.Infra, "*.bicep", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(RepositoryPaths.Root, file))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Main_bicep_builds_with_no_warning_and_no_error()
    {
        // The build (modules included, linter on) ran in the fixture, with --outfile: all it printed is diagnostics.
        Assert.True(compiled.Build.ExitCode == 0, compiled.Build.ToString());
        Assert.True(compiled.Build.Diagnostics.Count == 0, "bicep build reported:\n" + string.Join('\n', compiled.Build.Diagnostics));
        Assert.True(string.IsNullOrWhiteSpace(compiled.Build.Printed), "bicep build printed:\n" + compiled.Build.Printed);
    }

    [Fact]
    public void Every_bicep_file_is_main_or_a_module_of_it_so_the_build_checks_it()
    {
        // bicep build reports the diagnostics of every module main.bicep uses: a file it does not use would escape.
        var main = File.ReadAllText(CompiledTemplate.MainBicep);
        var unused = Files
            .Where(file => file != Path.Combine("infra", "main.bicep"))
            .Where(file => !main.Contains($"'{Path.GetRelativePath("infra", file).Replace('\\', '/')}'"))
            .ToList();
        Assert.True(unused.Count == 0, "not built through main.bicep: " + string.Join(", ", unused));
    }

    [Fact]
    public void There_are_bicep_files_to_check()
    {
        Assert.Contains(Path.Combine("infra", "main.bicep"), Files);
        Assert.True(Files.Count >= 7, "expected main.bicep and its six modules, found: " + string.Join(", ", Files));
    }
}
