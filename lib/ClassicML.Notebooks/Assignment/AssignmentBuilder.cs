using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Kernel;
using ClassicML.Notebooks.Rendering;

namespace ClassicML.Notebooks.Assignment;

/// <summary>What <see cref="AssignmentBuilder.Build"/> wrote.</summary>
/// <param name="OutputFolder">The assignment's folder.</param>
/// <param name="Lessons">The lessons with the number of exercises each, in course order.</param>
/// <param name="Site">The students' site (null when it was not written).</param>
internal sealed record AssignmentResult(string OutputFolder, IReadOnlyList<(string Name, int Exercises)> Lessons, SiteResult? Site)
{
    /// <summary>The student bundle folder.</summary>
    public string Bundle => Path.Combine(OutputFolder, AssignmentBuilder.BundleFolder);

    /// <summary>The bundle as a .zip.</summary>
    public string Zip => Path.Combine(OutputFolder, AssignmentBuilder.ZipName);
}

/// <summary>
/// Writes what a teacher hands out (<c>assign</c>): the student bundle (every lesson's student version as .dib and
/// .ipynb, the ClassicML library, the course data, the pinned kernel tool and a README), the same bundle as a .zip,
/// and the students' copy of the site, rendered from the student versions.
/// </summary>
/// <remarks>
/// <para>
/// Layout of the output folder: <c>student/</c> (the bundle: <c>notebooks/</c>, <c>lib/</c>, <c>data/</c>,
/// <c>.config/dotnet-tools.json</c>, <c>kernel/.net-csharp/kernel.json</c>, <c>README.txt</c>),
/// <c>classicml-student.zip</c> (the bundle under one top folder, <c>classicml-student/</c>), <c>site/</c>.
/// The bundle mirrors the repository's layout, so each setup cell's <c>#r "../artifacts/bin/…/ClassicML.dll"</c>
/// becomes <c>#r "../lib/ClassicML.dll"</c> and <c>Csv.LoadCourseData</c> finds <c>data/</c> as it does in the repository.
/// </para>
/// <para>
/// Nothing is written into the repository's sources: the output may not be the repository's root, lie inside
/// <c>notebooks/</c>, <c>lib/</c>, <c>tests/</c> or <c>data/</c>, or contain the repository; and in an existing folder
/// every file must be one an earlier <c>assign</c> wrote (listed in <see cref="ManifestFile"/>). Everything is made in a
/// staging folder first and published only when the whole assignment was made; each file is moved into place atomically.
/// </para>
/// </remarks>
internal static partial class AssignmentBuilder
{
    /// <summary>The bundle's folder under the output.</summary>
    public const string BundleFolder = "student";

    /// <summary>The bundle's .zip under the output (and in the students' site's downloads).</summary>
    public const string ZipName = "classicml-student.zip";

    /// <summary>The single top folder inside the .zip.</summary>
    public const string ZipTopFolder = "classicml-student";

    /// <summary>The students' site under the output.</summary>
    public const string SiteFolder = "site";

    /// <summary>The list of files assign wrote (one relative path a line), so it replaces and deletes only those.</summary>
    public const string ManifestFile = ".classicml-assign-files";

    private const string StagingFolder = ".classicml-assign-staging";

    /// <summary>The repository folders that hold sources: an assignment is never written inside them.</summary>
    public static readonly string[] SourceFolders = ["notebooks", "lib", "tests", "data"];

    /// <summary>
    /// Throws <see cref="IOException"/> with a one-line reason when <paramref name="output"/> may not receive an
    /// assignment: it is the repository root, inside a source folder, holds the repository, is a file, or holds a
    /// file an earlier <c>assign</c> did not write.
    /// </summary>
    public static void CheckOutput(string root, string output)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(output));
        var repo = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        const string Advice = "choose a new or empty folder, e.g. the default artifacts/assignment";
        if (string.Equals(full, repo, StringComparison.Ordinal))
            throw new IOException($"--output '{full}' is the repository's root; assign does not write among the course's sources: {Advice}.");
        if (IsInside(repo, full))
            throw new IOException($"--output '{full}' holds the repository; {Advice}.");
        foreach (var folder in SourceFolders)
        {
            var source = Path.Combine(repo, folder);
            if (string.Equals(full, source, StringComparison.Ordinal) || IsInside(full, source))
                throw new IOException($"--output '{full}' is inside {folder}/, which holds the course's sources; assign never writes there: {Advice}.");
        }
        if (File.Exists(full)) throw new IOException($"--output '{full}' is a file; name a folder: {Advice}.");
        if (!Directory.Exists(full)) return;
        var known = ReadManifest(full);
        var foreign = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
            .Select(f => Relative(full, f))
            .Where(f => f != ManifestFile && !f.StartsWith(StagingFolder + "/", StringComparison.Ordinal) && !known.Contains(f))
            .Order(StringComparer.Ordinal).ToList();
        if (foreign.Count > 0)
            throw new IOException($"--output '{full}' holds '{foreign[0]}'{(foreign.Count > 1 ? $" and {foreign.Count - 1} more file(s)" : "")} that assign did not write, and assign replaces only its own files: {Advice}.");
    }

    /// <summary>Makes the assignment of every lesson of the repository at <paramref name="root"/> in <paramref name="output"/>.</summary>
    /// <param name="root">The repository.</param>
    /// <param name="output">The assignment's folder (checked by <see cref="CheckOutput"/> first).</param>
    /// <param name="execute">Runs a student notebook for the students' site; null writes no site.</param>
    /// <param name="log">Progress lines.</param>
    /// <exception cref="IOException">The output is refused, or a library the lessons reference is not built.</exception>
    /// <exception cref="FormatException">A lesson's solution block is malformed.</exception>
    public static AssignmentResult Build(string root, string output, NotebookExecutor? execute, TextWriter log)
    {
        output = Path.GetFullPath(output);
        CheckOutput(root, output);
        var lessons = Cli.CheckCommand.LessonFiles(root);
        if (lessons.Length == 0) throw new IOException($"No lessons in '{RepoPaths.NotebooksFolder(root)}': nothing to assign.");
        // Every student version is made before anything is written: a malformed lesson stops assign with no change.
        var students = lessons.Select(path => (Path: path, Teacher: NotebookFile.Load(path))).Select(l =>
            (l.Path, l.Teacher, Student: StudentVersion.Create(l.Teacher, Path.GetFileName(l.Path)))).ToList();

        Directory.CreateDirectory(output);
        var staging = Path.Combine(output, StagingFolder);
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        try
        {
            var bundle = Path.Combine(staging, BundleFolder);
            var notebooks = Path.Combine(bundle, "notebooks");
            var lib = Path.Combine(bundle, "lib");
            Directory.CreateDirectory(notebooks);
            var summary = new List<(string, int)>();
            var copied = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (path, teacher, student) in students)
            {
                var name = Path.GetFileNameWithoutExtension(path);
                BundleReferences(student, Path.GetDirectoryName(path)!, lib, copied);
                NotebookFile.Save(student, Path.Combine(notebooks, name + ".dib"));
                NotebookFile.Save(student, Path.Combine(notebooks, name + ".ipynb"));
                var exercises = StudentVersion.ExerciseIds(teacher).Distinct().Count();
                summary.Add((name, exercises));
                log.WriteLine($"assign: {name} ({exercises} exercise{(exercises == 1 ? "" : "s")})");
            }
            CopyFolder(Path.Combine(root, "data"), Path.Combine(bundle, "data"));
            NotebookFile.WriteAllTextAtomic(Path.Combine(bundle, ".config", "dotnet-tools.json"), ToolManifest());
            NotebookFile.WriteAllTextAtomic(Path.Combine(bundle, "kernel", KernelSpec.Name, "kernel.json"), KernelSpec.Json());
            NotebookFile.WriteAllTextAtomic(Path.Combine(bundle, "README.txt"), StudentReadme(summary));
            var zip = Path.Combine(staging, ZipName);
            WriteZip(bundle, zip);
            log.WriteLine($"assign: bundle of {students.Count} lesson(s), {copied.Count} library file(s), zipped");

            SiteResult? site = null;
            if (execute is not null)
            {
                var sources = students.Select(s => Path.Combine(notebooks, Path.GetFileNameWithoutExtension(s.Path) + ".dib")).ToList();
                site = SiteBuilder.Build(sources, Path.Combine(staging, SiteFolder), execute, log, new SiteEdition(ForStudents: true, BundleZip: zip));
            }
            Publish(staging, output);
            log.WriteLine($"assign: wrote {output} (bundle {BundleFolder}/, {ZipName}{(site is null ? "" : $", {SiteFolder}/")})");
            return new AssignmentResult(output, summary, site);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>
    /// Copies every DLL a relative <c>#r</c> of <paramref name="notebook"/> names (resolved against
    /// <paramref name="lessonFolder"/>), with the DLLs beside it (its dependencies) and its XML docs, into
    /// <paramref name="lib"/>, and points the <c>#r</c> at the copy (<c>../lib/Name.dll</c>).
    /// </summary>
    private static void BundleReferences(Notebook notebook, string lessonFolder, string lib, Dictionary<string, string> copied)
    {
        foreach (var cell in notebook.Cells.Where(c => c.Kind == CellKind.Code))
        {
            cell.Source = ReferenceLine().Replace(cell.Source, m =>
            {
                var reference = m.Groups["ref"].Value;
                if (reference.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase)) return m.Value;
                var dll = Path.GetFullPath(Path.Combine(lessonFolder, reference));
                if (!File.Exists(dll))
                    throw new IOException($"'{dll}' (the lessons' #r \"{reference}\") does not exist; build the library first: dotnet build ClassicML.Notebooks.sln.");
                foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(dll)!, "*.dll")
                             .Append(Path.ChangeExtension(dll, ".xml")).Where(File.Exists))
                {
                    var name = Path.GetFileName(file);
                    if (copied.TryGetValue(name, out var from))
                    {
                        if (!string.Equals(from, file, StringComparison.Ordinal)
                            && !File.ReadAllBytes(from).AsSpan().SequenceEqual(File.ReadAllBytes(file)))
                            throw new IOException($"Two different files named {name} would go into the bundle's lib/ ('{from}' and '{file}'); reference one build of the library from every lesson.");
                        continue;
                    }
                    Directory.CreateDirectory(lib);
                    using (var stream = File.OpenRead(file)) AtomicFile.WriteStream(Path.Combine(lib, name), stream);
                    copied[name] = file;
                }
                return $"{m.Groups["head"].Value}\"../lib/{Path.GetFileName(dll)}\"";
            });
        }
    }

    [GeneratedRegex("""(?m)^(?<head>[ \t]*#r[ \t]+)"(?<ref>[^"]*\.dll)"(?=[ \t]*\r?$)""")]
    private static partial Regex ReferenceLine();

    /// <summary>A tool manifest that pins the dotnet-interactive version the course runs on.</summary>
    internal static string ToolManifest()
    {
        var manifest = new JsonObject
        {
            ["version"] = 1,
            ["isRoot"] = true,
            ["tools"] = new JsonObject
            {
                ["microsoft.dotnet-interactive"] = new JsonObject
                {
                    ["version"] = KernelSpec.ToolVersion,
                    ["commands"] = new JsonArray("dotnet-interactive"),
                    ["rollForward"] = false,
                },
            },
        };
        return manifest.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>The README.txt of the student bundle.</summary>
    internal static string StudentReadme(IReadOnlyList<(string Name, int Exercises)> lessons)
    {
        var list = string.Join("\n", lessons.Select(l => $"  notebooks/{l.Name}.dib / .ipynb   ({l.Exercises} exercise{(l.Exercises == 1 ? "" : "s")})"));
        return $"""
            Classic Machine Learning in C# - your copy of the course
            ========================================================

            The lessons, each as a .dib (VS Code, Polyglot Notebooks) and an .ipynb (Jupyter):
            {list}

            You need the .NET 10 SDK (https://dotnet.microsoft.com/download). Keep the folders as they are:
            the notebooks load the course library from lib/ and the data from data/ next to notebooks/.

            Opening a lesson
            ----------------
            Once, in this folder:   dotnet tool restore
            (installs dotnet-interactive {KernelSpec.ToolVersion}, the notebook kernel, as pinned in .config/).

            * VS Code: install the "Polyglot Notebooks" extension, open this folder, open notebooks/00-setup.dib
              and run the cells from the top (Run All). The first run downloads MathNet.Numerics and Plotly.NET.
            * Jupyter (JupyterLab, Notebook, or VS Code's Jupyter extension): install the kernel once with
                  jupyter kernelspec install --user kernel/.net-csharp
              (or copy the folder kernel/.net-csharp into Jupyter's kernels folder, ~/.local/share/jupyter/kernels/
              on Linux), then start Jupyter in this folder, open notebooks/00-setup.ipynb and pick the kernel
              ".NET (C#)". The kernel runs the dotnet-interactive pinned in this folder, so open the notebooks here.

            Exercises
            ---------
            Each exercise has a code cell with  throw new NotImplementedException("Exercise N.M");  where your code
            goes, and a check cell below it. Until you replace the throw, the check says "not done yet". Write your
            code, run the cell, then run the check: a green box means it passed; a red box says what was wrong and,
            after a failed attempt, gives a hint. Run the cells in order (the setup cell first); after changing an
            earlier cell, run the cells below it again.

            Some exercises say which library call you may not use: write that part yourself. Your teacher grades
            your notebook with further tests of the same functions, so make them right for any input, not only for
            the one the check tries.

            Handing in
            ----------
            Save the notebook and hand in the file you worked in (the .ipynb or the .dib), under its own name.
            Do not rename the functions the exercises ask for.

            """;
    }

    private static void CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from)) return;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var stream = File.OpenRead(file);
            AtomicFile.WriteStream(target, stream);
        }
    }

    /// <summary>
    /// Zips <paramref name="folder"/> under one top folder, entries in ordinal order with a fixed time stamp, so the same
    /// bundle gives the same .zip.
    /// </summary>
    private static void WriteZip(string folder, string zipPath)
    {
        var temp = zipPath + ".tmp";
        using (var stream = File.Create(temp))
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Relative(folder, f)).Order(StringComparer.Ordinal))
            {
                var entry = zip.CreateEntry(ZipTopFolder + "/" + file, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var target = entry.Open();
                using var source = File.OpenRead(Path.Combine(folder, file));
                source.CopyTo(target);
            }
        }
        File.Move(temp, zipPath, overwrite: true);
    }

    private static HashSet<string> ReadManifest(string output) => OutputManifest.Read(output, ManifestFile);

    /// <summary>
    /// Moves every file of <paramref name="staging"/> into <paramref name="output"/> (each move atomic), deletes the files
    /// an earlier assign wrote that this one did not (a renamed lesson), and records the files in <see cref="ManifestFile"/>.
    /// </summary>
    private static void Publish(string staging, string output)
    {
        var previous = ReadManifest(output);
        var written = OutputManifest.StagedFiles(staging);
        // Checked once more just before publishing: a file that appeared during the run is not replaced.
        var foreign = written.Where(f => !previous.Contains(f) && File.Exists(Path.Combine(output, f))).ToList();
        if (foreign.Count > 0)
            throw new IOException($"'{Path.Combine(output, foreign[0])}' appeared while assign ran and was not written by it; move it away and run assign again.");
        OutputManifest.Publish(staging, output, written, previous, ManifestFile);
    }

    private static string Relative(string folder, string file) => Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>True when <paramref name="path"/> lies strictly inside <paramref name="folder"/>.</summary>
    private static bool IsInside(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative != "." && !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }
}
