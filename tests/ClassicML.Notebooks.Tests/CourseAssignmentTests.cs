using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClassicML.Notebooks.Assignment;
using ClassicML.Notebooks.Cli;
using ClassicML.Notebooks.Documents;
using Xunit.Abstractions;

namespace ClassicML.Notebooks.Tests;

/// <summary>The tests of the whole course's assignment share one <c>assign</c> run.</summary>
[CollectionDefinition(Name)]
public sealed class CourseAssignmentCollection : ICollectionFixture<CourseAssignmentFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Course assignment";
}

/// <summary>Runs <c>assign --output &lt;temp&gt;</c> on the repository once, as a teacher would.</summary>
public sealed class CourseAssignmentFixture : IDisposable
{
    private readonly TestPaths.TempFolder _temp = new();

    public CourseAssignmentFixture()
    {
        Output = _temp["assignment"];
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Code = CliApp.Run(["assign", "--output", Output], new CliContext(stdout, stderr, TestPaths.Root));
        Out = stdout.ToString();
        Error = stderr.ToString();
    }

    public string Output { get; }

    public int Code { get; }

    public string Out { get; }

    public string Error { get; }

    public string Bundle => Path.Combine(Output, AssignmentBuilder.BundleFolder);

    public void Dispose() => _temp.Dispose();
}

[Collection(CourseAssignmentCollection.Name)]
public partial class CourseAssignmentTests(CourseAssignmentFixture assignment, ITestOutputHelper log)
{
    private static IEnumerable<string> Lessons => CheckCommand.LessonFiles(TestPaths.Root);

    [Fact]
    public void Assign_writes_every_lesson()
    {
        Assert.True(assignment.Code == 0, assignment.Out + assignment.Error);
        foreach (var lesson in Lessons)
        {
            var name = Path.GetFileNameWithoutExtension(lesson);
            var ids = StudentVersion.ExerciseIds(NotebookFile.Load(lesson)).Distinct().Count();
            Assert.Contains($"assign: {name} ({ids} exercise", assignment.Out);
            foreach (var file in new[] { $"notebooks/{name}.dib", $"notebooks/{name}.ipynb" })
                Assert.True(File.Exists(Path.Combine(assignment.Bundle, file)), file);
            Assert.True(File.Exists(Path.Combine(assignment.Output, AssignmentBuilder.SiteFolder, name + ".html")), name);
        }
    }

    [Fact]
    public void No_file_a_student_gets_holds_a_solution_line_or_a_hidden_test()
    {
        Assert.True(assignment.Code == 0, assignment.Error);
        var secrets = Leaks.Secrets(Lessons.Select(NotebookFile.Load));
        log.WriteLine($"{secrets.Count} solution and hidden-test lines searched for");
        Assert.True(secrets.Count >= 19, $"only {secrets.Count} secret lines: the lessons' solution blocks were not found");
        var files = Directory.GetFiles(assignment.Output, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith(".zip", StringComparison.Ordinal));
        var leaks = Leaks.Find(assignment.Output, secrets);
        Assert.True(leaks.Count == 0, "solutions or hidden tests in the student files:\n" + string.Join("\n", leaks.Take(20)));
    }

    [Fact]
    public void The_students_site_shows_the_student_versions_and_offers_only_them()
    {
        Assert.True(assignment.Code == 0, assignment.Error);
        var site = Path.Combine(assignment.Output, AssignmentBuilder.SiteFolder);
        foreach (var lesson in Lessons)
        {
            var name = Path.GetFileNameWithoutExtension(lesson);
            var page = File.ReadAllText(Path.Combine(site, name + ".html"));
            Assert.Equal(new[] { name + ".dib", name + ".ipynb", AssignmentBuilder.ZipName },
                DownloadLink().Matches(page).Select(m => m.Groups[1].Value));
            Assert.Equal(File.ReadAllText(Path.Combine(assignment.Bundle, "notebooks", name + ".dib")), File.ReadAllText(Path.Combine(site, "downloads", name + ".dib")));
            // Every exercise shows its check as a student first sees it: not done yet; none passes.
            foreach (var id in StudentVersion.ExerciseIds(NotebookFile.Load(lesson)).Distinct())
                Assert.Contains($"data-exercise=\"{id}\" data-outcome=\"not-done\"", page);
            Assert.DoesNotContain("data-outcome=\"passed\"", page);
        }
        Assert.Equal(File.ReadAllBytes(Path.Combine(assignment.Output, AssignmentBuilder.ZipName)),
            File.ReadAllBytes(Path.Combine(site, "downloads", AssignmentBuilder.ZipName)));
    }

    [GeneratedRegex("href=\"downloads/([^\"]+)\"")]
    private static partial Regex DownloadLink();

    /// <summary>
    /// The bundle, unzipped where no repository is around it, runs a lesson in the real kernel as a student's Jupyter
    /// does: the tool restored from the bundle's manifest, the kernelspec from its kernel/ folder, the setup cell loads
    /// ClassicML from lib/, the lesson reads data/, and every exercise says "not done yet".
    /// </summary>
    [SkippableFact]
    public void The_bundle_runs_a_lesson_in_the_real_kernel_outside_the_repository()
    {
        Assert.True(assignment.Code == 0, assignment.Error);
        Prerequisites.Require(Prerequisites.MissingJupyterClient());
        Prerequisites.Require(Prerequisites.MissingKernelTool());
        using var temp = new TestPaths.TempFolder();
        ZipFile.ExtractToDirectory(Path.Combine(assignment.Output, AssignmentBuilder.ZipName), temp.Path);
        var bundle = temp[AssignmentBuilder.ZipTopFolder];
        for (var dir = new DirectoryInfo(bundle); dir is not null; dir = dir.Parent)
            Assert.False(File.Exists(Path.Combine(dir.FullName, RepoPaths.SolutionFileName)), $"a repository around the bundle: {dir.FullName}");

        // What the README tells a student to do.
        var (restore, restoreOut, restoreErr) = Prerequisites.RunProcess("dotnet", ["tool", "restore"], bundle, TimeSpan.FromMinutes(5));
        Assert.True(restore == 0, restoreOut + restoreErr);
        var kernels = Directory.CreateDirectory(temp["jupyter/kernels/" + Kernel.KernelSpec.Name]).FullName;
        File.Copy(Path.Combine(bundle, "kernel", Kernel.KernelSpec.Name, "kernel.json"), Path.Combine(kernels, "kernel.json"));

        const string lesson = "02-regularization";
        var notebooks = Path.Combine(bundle, "notebooks");
        var executed = temp["executed.ipynb"];
        var script = Path.Combine(TestPaths.Root, "tests", "ClassicML.Notebooks.Tests", "RealKernel", "execute_notebook.py");
        var (code, stdout, stderr) = Prerequisites.RunProcess(Prerequisites.Python, [script, Path.Combine(notebooks, lesson + ".ipynb"), executed, notebooks, "600"],
            notebooks, TimeSpan.FromMinutes(12),
            new Dictionary<string, string?> { ["JUPYTER_PATH"] = temp["jupyter"], [Execution.NotebookRunner.StrictExercisesVariable] = null });
        Assert.True(code == 0, $"nbclient failed ({code}): {stderr}");
        log.WriteLine(stdout.Split('\n').LastOrDefault(l => l.StartsWith("{\"wall_seconds\"", StringComparison.Ordinal)) ?? "");

        var notebook = IpynbFormat.Parse(File.ReadAllText(executed));
        var code0 = notebook.Cells.First(c => c.Kind == CellKind.Code);
        Assert.Contains("#r \"../lib/ClassicML.dll\"", code0.Source);
        Assert.Contains("KernelSetup.Apply()", code0.Source); // a call into ClassicML: fails to compile if the DLL did not load
        var errors = notebook.Cells.SelectMany((c, i) => c.Outputs.OfType<ErrorOutput>().Select(e => $"cell {i + 1}: {e.EName}: {e.EValue}")).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var shown = string.Join("\n", notebook.Cells.SelectMany(c => c.Outputs).Select(o => o switch
        {
            ExecuteResultOutput r => r.Data["text/html"] ?? r.Data["text/plain"],
            DisplayDataOutput d => d.Data["text/html"] ?? d.Data["text/plain"],
            _ => null,
        }).OfType<string>());
        var ids = StudentVersion.ExerciseIds(NotebookFile.Load(Path.Combine(TestPaths.Notebooks, lesson + ".dib"))).Distinct().ToList();
        Assert.NotEmpty(ids);
        foreach (var id in ids)
            Assert.Contains($"data-exercise=\"{id}\" data-outcome=\"not-done\"", shown);
    }
}
