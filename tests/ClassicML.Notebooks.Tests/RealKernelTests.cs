using System.Text.Json;
using System.Text.RegularExpressions;
using ClassicML.Notebooks.Cli;
using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Execution;
using ClassicML.Notebooks.Kernel;
using Xunit.Abstractions;

namespace ClassicML.Notebooks.Tests;

/// <summary>Real-kernel runs start one dotnet-interactive process each; one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealKernelCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "real kernel";
}

/// <summary>
/// Every lesson's <c>.ipynb</c> executed as a student's Jupyter would: Debian's nbclient starts the <c>.net-csharp</c>
/// kernelspec that the course's own <c>kernel install</c> writes (dotnet-interactive 1.0.712001 from the repository's
/// tool manifest). No cell may fail, every chart must be HTML, and every output must equal what the course's own
/// <c>run</c> produces for that cell, after normalising what differs between any two runs (generated ids, paths).
/// </summary>
[Collection(RealKernelCollection.Name)]
public partial class RealKernelTests(ITestOutputHelper log)
{
    private static string Script => Path.Combine(TestPaths.Root, "tests", "ClassicML.Notebooks.Tests", "RealKernel", "execute_notebook.py");

    [SkippableTheory]
    [MemberData(nameof(TestPaths.IpynbNotebooks), MemberType = typeof(TestPaths))]
    public void Lesson_runs_in_the_real_kernel_with_the_outputs_of_run(string name)
    {
        Prerequisites.Require(Prerequisites.MissingJupyterClient());
        Prerequisites.Require(Prerequisites.MissingKernelTool());
        using var temp = new TestPaths.TempFolder();
        // The documented way: `dotnet run --project lib/ClassicML.Notebooks -- kernel install` (here into a private folder).
        var cli = CliApp.Run(["kernel", "install", "--path", temp["jupyter"]], new CliContext(TextWriter.Null, TextWriter.Null, TestPaths.Root));
        Assert.Equal(0, cli);
        Assert.Contains("--http-local-only", JsonDocument.Parse(File.ReadAllText(KernelSpec.KernelJsonPath(temp["jupyter"])))
            .RootElement.GetProperty("argv").EnumerateArray().Select(a => a.GetString()));

        var source = Path.Combine(TestPaths.Notebooks, name);
        var executedPath = temp["executed.ipynb"];
        var (code, stdout, stderr) = Prerequisites.RunProcess(Prerequisites.Python, [Script, source, executedPath, TestPaths.Notebooks, "600"],
            TestPaths.Notebooks, TimeSpan.FromMinutes(12),
            new Dictionary<string, string?>
            {
                ["JUPYTER_PATH"] = temp["jupyter"], // searched before the user's own kernelspecs
                [NotebookRunner.StrictExercisesVariable] = null, // as a student runs it
            });
        Assert.True(code == 0, $"nbclient failed ({code}): {stderr}");

        // The kernel's HTTP API listens on loopback only (the kernelspec's --http-local-only).
        // (ASP.NET Core's console log: the kernel's stdout, which nbclient's process inherits.)
        var listening = ListeningLine().Matches(stdout + stderr).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(listening);
        Assert.All(listening, address => Assert.Matches(@"^https?://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?/?$", address));

        using (var timing = JsonDocument.Parse(stdout.Split('\n').Last(l => l.StartsWith("{\"wall_seconds\"", StringComparison.Ordinal))))
        {
            var cells = timing.RootElement.GetProperty("cells").EnumerateArray()
                .Select(c => (Index: c.GetProperty("index").GetInt32(), Seconds: c.GetProperty("seconds").ValueKind == JsonValueKind.Number ? c.GetProperty("seconds").GetDouble() : 0))
                .OrderByDescending(c => c.Seconds).ToList();
            log.WriteLine($"{name}: wall {timing.RootElement.GetProperty("wall_seconds").GetDouble():0.0} s in the real kernel; slowest cell {cells[0].Index + 1} ({cells[0].Seconds:0.00} s)");
        }

        var kernel = IpynbFormat.Parse(File.ReadAllText(executedPath));
        // The course's `run`, in a process of its own as a kernel is (Plotly.NET's defaults and other statics are per process).
        var runPath = temp["run.ipynb"];
        var (runCode, runOut, runErr) = Prerequisites.RunProcess(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "ClassicML.Notebooks.dll"), "run", source, "--output", runPath, "--continue-on-error"],
            TestPaths.Root, TimeSpan.FromMinutes(10), new Dictionary<string, string?> { [NotebookRunner.StrictExercisesVariable] = null });
        Assert.True(runCode == 0, $"run failed ({runCode}): {runOut} {runErr}");
        var course = new { Notebook = IpynbFormat.Parse(File.ReadAllText(runPath)) };
        Assert.Equal(course.Notebook.Cells.Count, kernel.Cells.Count);

        var problems = new List<string>();
        for (var i = 0; i < kernel.Cells.Count; i++)
        {
            if (kernel.Cells[i].Kind != CellKind.Code) continue;
            var k = Comparable(kernel.Cells[i].Outputs, fromJupyter: true);
            var c = Comparable(course.Notebook.Cells[i].Outputs, fromJupyter: false);
            foreach (var error in kernel.Cells[i].Outputs.OfType<ErrorOutput>())
                problems.Add($"cell {i + 1}: the kernel reports {error.EName}: {error.EValue}");
            foreach (var bundle in kernel.Cells[i].Outputs.Select(BundleOf).OfType<MimeBundle>().Where(IsChart))
                if (bundle.MimeTypes.First() != "text/html") problems.Add($"cell {i + 1}: a chart shown as {bundle.MimeTypes.First()}, not text/html");
            if (!k.SequenceEqual(c))
                problems.Add($"cell {i + 1}: outputs differ{FirstDifference(k, c)}\n  kernel: {string.Join("\n          ", k.Select(Shorten))}\n  run:    {string.Join("\n          ", c.Select(Shorten))}");
        }
        Assert.True(problems.Count == 0, $"{name}:\n" + string.Join("\n", problems));
        Assert.Contains(kernel.Cells.SelectMany(c => c.Outputs).Select(BundleOf).OfType<MimeBundle>(), IsChart); // every lesson draws
    }

    private static MimeBundle? BundleOf(CellOutput output) => (output as DisplayDataOutput)?.Data ?? (output as ExecuteResultOutput)?.Data;

    /// <summary>A chart: a ClassicML figure or a Plotly.NET chart (Plotly.NET.Interactive's formatter), in any MIME type.</summary>
    private static bool IsChart(MimeBundle bundle) =>
        bundle.Contains("application/vnd.plotly.v1+json")
        || bundle.Any(v => v.Text.Contains("classicml-figure", StringComparison.Ordinal) || v.Text.Contains("Plotly.newPlot", StringComparison.Ordinal));

    [GeneratedRegex(@"Now listening on: (\S+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex Guid();

    [GeneratedRegex(@"classicml-figure-\d+-[0-9a-f]+")]
    private static partial Regex FigureId();

    /// <summary>
    /// A cell's outputs as (kind, MIME type or stream, text): consecutive stream writes joined (Jupyter keeps each
    /// write apart, the course's run joins them), CRLF as LF, generated ids and the NuGet folder replaced. From the
    /// Jupyter side, the tool's front-end bootstrap script (a display that only its Jupyter connection sends, not a
    /// cell's output) is left out.
    /// </summary>
    private static List<string> Comparable(IEnumerable<CellOutput> outputs, bool fromJupyter)
    {
        var list = new List<string>();
        string? streamName = null;
        foreach (var output in outputs)
        {
            switch (output)
            {
                case StreamOutput s:
                    if (streamName == s.Name) list[^1] += Normalise(s.Text);
                    else list.Add($"stream {s.Name}: " + Normalise(s.Text));
                    streamName = s.Name;
                    continue;
                case DisplayDataOutput d when fromJupyter && d.Data["text/html"]?.Contains("dotnet-interactive-this-cell", StringComparison.Ordinal) == true:
                    continue;
                case DisplayDataOutput d:
                    list.AddRange(d.Data.Select(v => $"display {v.MimeType}: " + Normalise(v.Text)));
                    break;
                case ExecuteResultOutput r:
                    list.AddRange(r.Data.Select(v => $"result {v.MimeType}: " + Normalise(v.Text)));
                    break;
                case ErrorOutput e:
                    list.Add($"error {e.EName}");
                    break;
            }
            streamName = null;
        }
        return list;
    }

    private static string Normalise(string text)
    {
        var nuget = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace(nuget.TrimEnd('/') + "/", "<nuget>/", StringComparison.Ordinal);
        text = FigureId().Replace(text, "classicml-figure-<id>");
        return Guid().Replace(text, "<guid>");
    }

    private static string FirstDifference(List<string> kernel, List<string> run)
    {
        for (var i = 0; i < Math.Min(kernel.Count, run.Count); i++)
        {
            var (a, b) = (kernel[i], run[i]);
            if (a == b) continue;
            var at = 0;
            while (at < Math.Min(a.Length, b.Length) && a[at] == b[at]) at++;
            string Around(string s) => s.Substring(Math.Max(0, at - 60), Math.Min(s.Length, at + 60) - Math.Max(0, at - 60));
            return $" (output {i + 1}, character {at}: kernel …{Around(a)}… run …{Around(b)}…)";
        }
        return $" ({kernel.Count} outputs in the kernel, {run.Count} in run)";
    }

    private static string Shorten(string s) => s.Length > 240 ? s[..240] + "…" : s;
}
