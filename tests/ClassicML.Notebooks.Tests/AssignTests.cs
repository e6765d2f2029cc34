using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClassicML.Notebooks.Assignment;
using ClassicML.Notebooks.Cli;
using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Kernel;

namespace ClassicML.Notebooks.Tests;

/// <summary>
/// <c>assign</c> on a small course of its own (fast), and its refusals; <c>run</c> and <c>check</c> end with the exercise
/// summary. The whole course's assignment is tested in <see cref="CourseAssignmentTests"/>.
/// </summary>
[Collection("notebook runs")]
public class AssignTests
{
    private static (int Code, string Out, string Err) Cli(string workingDirectory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, new CliContext(output, error, workingDirectory));
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The folder of the built library (the lessons' <c>#r</c>), with MathNet beside it.</summary>
    private static string LibraryFolder => Path.Combine(TestPaths.Root, "artifacts", "bin", "ClassicML", "debug");

    /// <summary>A setup cell that loads the built library by relative paths from <paramref name="notebooks"/>.</summary>
    private static string Setup(string notebooks)
    {
        string Rel(string dll) => Path.GetRelativePath(notebooks, Path.Combine(LibraryFolder, dll)).Replace('\\', '/');
        return $"#r \"{Rel("MathNet.Numerics.dll")}\"\n#r \"{Rel("ClassicML.dll")}\"\nusing ClassicML.Exercises;";
    }

    private const string TwiceSolution = "double Twice(double x)\n{\n    // BEGIN SOLUTION\n    var doubledValueSecret = x + x;\n    return doubledValueSecret;\n    // END SOLUTION\n}";

    private const string TwiceHidden =
        "// HIDDEN TESTS 1.1 points=2\nglobal::ClassicML.Exercises.HiddenTest.Part(\"1.1\", 2, \"a negative input\", () => global::ClassicML.Exercises.Exercise.CheckClose(\"1.1\", () => Twice(-7.25), -14.5));";

    /// <summary>A two-exercise lesson whose solutions are right, with hidden tests for 1.1.</summary>
    private static Notebook SmallLesson(string notebooks) => new([
        Cell.Markdown("# 01 · Small\n\nA lesson to assign."),
        Cell.Code(Setup(notebooks)),
        Cell.Markdown("### Exercise 1.1 — double it"),
        Cell.Code(TwiceSolution),
        Cell.Code("Exercise.CheckClose(\"1.1\", () => Twice(3), 6.0)"),
        Cell.Code(TwiceHidden),
        Cell.Markdown("### Exercise 1.2 — count"),
        Cell.Code("int Count()\n{\n    // BEGIN SOLUTION\n    return Enumerable.Range(0, 4).Sum(); // sumOfFirstFourSecret\n    // END SOLUTION\n}"),
        Cell.Code("Exercise.CheckEqual(\"1.2\", () => Count(), 6)"),
    ]);

    [Theory]
    [InlineData("student", "notebooks")]
    [InlineData("assign", "notebooks")]
    [InlineData("assign", "notebooks/handout")]
    [InlineData("assign", "lib")]
    [InlineData("assign", "tests/out")]
    [InlineData("assign", "data")]
    [InlineData("assign", ".")]
    [InlineData("assign", "..")]
    public void No_command_writes_student_versions_among_the_sources(string command, string output)
    {
        // Before assign, `student -o notebooks` replaced the teacher's .dib with its student version (exit 0).
        using var repo = new TestPaths.TempFolder(asRepository: true);
        var lesson = DibFormat.Write(SmallLesson(repo["notebooks"]));
        File.WriteAllText(repo["notebooks/01-small.dib"], lesson);
        Directory.CreateDirectory(repo["data"]);
        var before = Directory.EnumerateFileSystemEntries(repo.Path, "*", SearchOption.AllDirectories).Order().ToList();
        var (code, stdout, error) = Cli(repo.Path, command, "--output", output);
        Assert.NotEqual(0, code);
        Assert.Equal(lesson, File.ReadAllText(repo["notebooks/01-small.dib"]));
        Assert.Equal(before, Directory.EnumerateFileSystemEntries(repo.Path, "*", SearchOption.AllDirectories).Order().ToList());
        Assert.Single(error.TrimEnd('\n').Split('\n')); // one line, no stack trace
        Assert.StartsWith("assign: --output", error);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void A_folder_holding_files_assign_did_not_write_is_refused_untouched()
    {
        using var repo = new TestPaths.TempFolder(asRepository: true);
        File.WriteAllText(repo["notebooks/01-small.dib"], DibFormat.Write(SmallLesson(repo["notebooks"])));
        Directory.CreateDirectory(repo["handout/student"]);
        File.WriteAllText(repo["handout/student/README.txt"], "the teacher's own notes");
        var (code, _, error) = Cli(repo.Path, "assign", "-o", "handout");
        Assert.Equal(2, code);
        Assert.Contains("'student/README.txt'", error);
        Assert.Contains("assign did not write", error);
        Assert.Equal("the teacher's own notes", File.ReadAllText(repo["handout/student/README.txt"]));
        Assert.Single(Directory.GetFiles(repo["handout"], "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Assign_writes_a_bundle_a_zip_and_a_site_with_no_solution_and_no_hidden_test()
    {
        using var repo = new TestPaths.TempFolder(asRepository: true);
        var teacher = SmallLesson(repo["notebooks"]);
        File.WriteAllText(repo["notebooks/01-small.dib"], DibFormat.Write(teacher));
        Directory.CreateDirectory(repo["data"]);
        File.WriteAllText(repo["data/points.csv"], "x,y\n1,2\n");
        var (code, stdout, error) = Cli(repo.Path, "assign");
        Assert.True(code == 0, stdout + error);
        var output = repo["artifacts/assignment"];
        var bundle = Path.Combine(output, AssignmentBuilder.BundleFolder);

        // The bundle: notebooks with the #r rewritten to its own lib/, the library and its docs, data, tool manifest, README.
        var student = NotebookFile.Load(Path.Combine(bundle, "notebooks", "01-small.dib"));
        Assert.Contains("#r \"../lib/ClassicML.dll\"", student.Cells[1].Source);
        Assert.Contains("#r \"../lib/MathNet.Numerics.dll\"", student.Cells[1].Source);
        Assert.Equal(File.ReadAllBytes(Path.Combine(LibraryFolder, "ClassicML.dll")), File.ReadAllBytes(Path.Combine(bundle, "lib", "ClassicML.dll")));
        Assert.True(File.Exists(Path.Combine(bundle, "lib", "ClassicML.xml")));
        Assert.Equal("x,y\n1,2\n", File.ReadAllText(Path.Combine(bundle, "data", "points.csv")));
        using (var tools = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, ".config", "dotnet-tools.json"))))
            Assert.Equal(KernelSpec.ToolVersion, tools.RootElement.GetProperty("tools").GetProperty("microsoft.dotnet-interactive").GetProperty("version").GetString());
        Assert.Equal(KernelSpec.Json(), File.ReadAllText(Path.Combine(bundle, "kernel", KernelSpec.Name, "kernel.json")));
        var readme = File.ReadAllText(Path.Combine(bundle, "README.txt"));
        foreach (var words in new[] { "dotnet tool restore", "Polyglot Notebooks", "jupyter kernelspec install", "not done yet", "hint", "hand in" })
            Assert.Contains(words, readme, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(new[] { "throw new NotImplementedException(\"Exercise 1.1\");", "throw new NotImplementedException(\"Exercise 1.2\");" },
            student.Cells.SelectMany(c => Regex.Matches(c.Source, "throw new NotImplementedException\\(\"Exercise [0-9.]+\"\\);").Select(m => m.Value)));
        Assert.Empty(NbformatValidator.Validate(File.ReadAllText(Path.Combine(bundle, "notebooks", "01-small.ipynb"))));

        // The zip holds exactly the bundle under one folder.
        using (var zip = ZipFile.OpenRead(Path.Combine(output, AssignmentBuilder.ZipName)))
        {
            var files = Directory.EnumerateFiles(bundle, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(bundle, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(files.Select(f => AssignmentBuilder.ZipTopFolder + "/" + f), zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                Assert.Equal(File.ReadAllBytes(Path.Combine(bundle, entry.FullName[(AssignmentBuilder.ZipTopFolder.Length + 1)..])), copy.ToArray());
            }
        }

        // The students' site: the lesson page from the student version, run (its checks say "not done yet"), and its
        // downloads are the student notebooks and the bundle, nothing else.
        var page = File.ReadAllText(Path.Combine(output, AssignmentBuilder.SiteFolder, "01-small.html"));
        Assert.Equal(2, Regex.Matches(page, "data-outcome=\"not-done\"").Count);
        var links = Regex.Matches(page, "href=\"downloads/([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(new[] { "01-small.dib", "01-small.ipynb", AssignmentBuilder.ZipName }, links);
        Assert.Equal(new[] { "01-small.dib", "01-small.ipynb", AssignmentBuilder.ZipName },
            Directory.GetFiles(Path.Combine(output, AssignmentBuilder.SiteFolder, "downloads")).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var secrets = Leaks.Secrets([teacher]);
        Assert.Contains("var doubledValueSecret = x + x;", secrets);
        Assert.Contains("return Enumerable.Range(0, 4).Sum(); // sumOfFirstFourSecret", secrets);
        Assert.Contains("// HIDDEN TESTS 1.1 points=2", secrets);
        Assert.Empty(Leaks.Find(output, secrets));
        Assert.NotEmpty(Leaks.Find(repo["notebooks"], secrets)); // the scan does find them where they are

        // Run again: the files it wrote are replaced; a file of someone else's then stops it.
        var second = Cli(repo.Path, "assign");
        Assert.True(second.Code == 0, second.Err);
        File.WriteAllText(Path.Combine(output, "site", "notes.html"), "mine");
        var third = Cli(repo.Path, "assign");
        Assert.Equal(2, third.Code);
        Assert.Contains("'site/notes.html'", third.Err);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(output, "site", "notes.html")));
    }

    [Fact]
    public void A_renamed_lesson_s_old_files_are_removed_by_the_next_assign()
    {
        using var repo = new TestPaths.TempFolder(asRepository: true);
        File.WriteAllText(repo["notebooks/01-small.dib"], DibFormat.Write(SmallLesson(repo["notebooks"])));
        var output = repo["out"];
        AssignmentBuilder.Build(repo.Path, output, execute: null, TextWriter.Null);
        Assert.True(File.Exists(Path.Combine(output, "student", "notebooks", "01-small.ipynb")));
        File.Move(repo["notebooks/01-small.dib"], repo["notebooks/01-renamed.dib"]);
        AssignmentBuilder.Build(repo.Path, output, execute: null, TextWriter.Null);
        Assert.False(File.Exists(Path.Combine(output, "student", "notebooks", "01-small.ipynb")));
        Assert.True(File.Exists(Path.Combine(output, "student", "notebooks", "01-renamed.ipynb")));
        Assert.False(Directory.Exists(Path.Combine(output, ".classicml-assign-staging")));
        var manifest = File.ReadAllLines(Path.Combine(output, AssignmentBuilder.ManifestFile));
        Assert.Equal(Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output, f).Replace('\\', '/'))
            .Where(f => f != AssignmentBuilder.ManifestFile).Order(StringComparer.Ordinal), manifest);
    }

    [Fact]
    public void Run_and_check_end_with_the_exercise_summary()
    {
        using var repo = new TestPaths.TempFolder(asRepository: true);
        var notebooks = repo["notebooks"];
        File.WriteAllText(repo["notebooks/01-mixed.dib"], DibFormat.Write(new Notebook([
            Cell.Code(Setup(notebooks)),
            Cell.Code(TwiceSolution),
            Cell.Code("Exercise.CheckClose(\"1.1\", () => Twice(3), 6.0)"),
            Cell.Code("// HIDDEN TESTS 1.1 points=3\n"
                      + "global::ClassicML.Exercises.HiddenTest.Part(\"1.1\", 2, \"a negative input\", () => global::ClassicML.Exercises.Exercise.CheckClose(\"1.1\", () => Twice(-2), -4.0));\n"
                      + "global::ClassicML.Exercises.HiddenTest.Part(\"1.1\", 1, \"a wrong expectation\", () => global::ClassicML.Exercises.Exercise.CheckClose(\"1.1\", () => Twice(1), 3.0));"),
            Cell.Code("int Wrong() => 5;"),
            Cell.Code("Exercise.CheckEqual(\"1.2\", () => Wrong(), 6)"),
            Cell.Code("int Later() => throw new NotImplementedException(\"Exercise 1.3\");"),
            Cell.Code("Exercise.CheckEqual(\"1.3\", () => Later(), 1)"),
        ])));
        var run = Cli(repo.Path, "run", "notebooks/01-mixed.dib");
        Assert.True(run.Code == 0, run.Err); // run is feedback, not a gate
        Assert.Contains("01-mixed.dib: ok — 8 cells", run.Out);
        Assert.Contains("exercises: 0 passed, 2 failed, 1 not done; hidden tests: 2/3 points\n"
                        + "  ✘ 1.1   failed · hidden tests: 2/3 points — a hidden test did not pass\n"
                        + "  ✘ 1.2   failed — expected 6 but got 5.\n"
                        + "  … 1.3   not done yet\n", run.Out.Replace("\r\n", "\n"));

        // check is strict: it stops at the first exercise that does not pass and says which did not run.
        var check = Cli(repo.Path, "check");
        Assert.Equal(1, check.Code);
        Assert.Contains("exercises: 0 passed, 1 failed, 0 not done, 2 not run; hidden tests: 2/3 points\n", check.Out.Replace("\r\n", "\n"));
        Assert.Contains("  ? 1.2   not run\n", check.Out.Replace("\r\n", "\n"));
    }
}

/// <summary>Finds solution and hidden-test text in every byte of every file of a folder (zip entries included).</summary>
public static class Leaks
{
    /// <summary>
    /// The lines of the lessons' solution blocks and hidden-test cells (trimmed) that appear nowhere else in the lessons:
    /// exactly the text a student must never get (lines of at least 10 characters).
    /// </summary>
    public static HashSet<string> Secrets(IEnumerable<Notebook> lessons)
    {
        var secret = new List<string>();
        var visible = new StringBuilder();
        foreach (var cell in lessons.SelectMany(l => l.Cells))
        {
            if (cell.Kind == CellKind.Code && StudentVersion.IsHiddenTestCell(cell))
            {
                secret.AddRange(cell.Source.Split('\n'));
                continue;
            }
            var inside = false;
            foreach (var line in cell.Source.Split('\n'))
            {
                if (cell.Kind == CellKind.Code && line.Contains(StudentVersion.BeginMarker, StringComparison.Ordinal)) inside = true;
                else if (cell.Kind == CellKind.Code && line.Contains(StudentVersion.EndMarker, StringComparison.Ordinal)) inside = false;
                else (inside ? secret : null)?.Add(line);
                if (!inside) visible.Append(line).Append('\n');
            }
        }
        var shown = visible.ToString();
        // Lines under 10 characters (`return a;`, `}`) are not distinctive: they occur in any binary (Plotly.NET.dll
        // holds "return a;") and give no answer away.
        return secret.Select(l => l.Trim()).Where(l => l.Length >= 10 && !shown.Contains(l, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>(file, secret) for each secret found in a file under <paramref name="folder"/>.</summary>
    public static List<string> Find(string folder, IReadOnlyCollection<string> secrets)
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(folder, file);
            if (file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                using var zip = ZipFile.OpenRead(file);
                foreach (var entry in zip.Entries)
                {
                    using var stream = entry.Open();
                    using var copy = new MemoryStream();
                    stream.CopyTo(copy);
                    Scan($"{name}!{entry.FullName}", copy.ToArray(), secrets, found);
                }
            }
            else Scan(name, File.ReadAllBytes(file), secrets, found);
        }
        return found;
    }

    private static void Scan(string name, byte[] bytes, IReadOnlyCollection<string> secrets, List<string> found)
    {
        // The bytes as UTF-8 and as Latin-1 text, and the forms a notebook or a page writes text in: JSON string values
        // (escaped quotes, \n), HTML (tags around highlighted tokens, entities).
        var views = new List<string> { Encoding.UTF8.GetString(bytes), Encoding.Latin1.GetString(bytes), Encoding.Unicode.GetString(bytes) };
        var text = views[0];
        if (name.EndsWith(".ipynb", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal))
        {
            try
            {
                using var json = JsonDocument.Parse(text);
                var strings = new StringBuilder();
                void Walk(JsonElement e)
                {
                    switch (e.ValueKind)
                    {
                        case JsonValueKind.String: strings.Append(e.GetString()).Append('\n'); break;
                        case JsonValueKind.Object: foreach (var p in e.EnumerateObject()) { strings.Append(p.Name).Append('\n'); Walk(p.Value); } break;
                        case JsonValueKind.Array: foreach (var i in e.EnumerateArray()) Walk(i); break;
                    }
                }
                Walk(json.RootElement);
                views.Add(strings.ToString());
            }
            catch (JsonException)
            {
            }
        }
        if (name.EndsWith(".html", StringComparison.Ordinal))
            views.Add(WebUtility.HtmlDecode(Regex.Replace(text, "<[^>]+>", "")));
        foreach (var secret in secrets)
        {
            if (views.Any(v => v.Contains(secret, StringComparison.Ordinal))) found.Add($"{name}: {secret}");
        }
    }
}
