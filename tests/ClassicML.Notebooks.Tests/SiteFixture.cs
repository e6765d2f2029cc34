using ClassicML.Charts;
using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Rendering;

namespace ClassicML.Notebooks.Tests;

/// <summary>The tests that read the rendered site share one render per test run.</summary>
[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Rendered site";
}

/// <summary>
/// Renders the site once into <c>artifacts/site-test/</c>: every lesson under notebooks/ (run by the
/// toolchain's runner) plus <c>SiteSample/99-site-sample.dib</c>, whose outputs — a still chart, an
/// animation, streams and a value — are made here, so the page always holds every kind of output.
/// </summary>
public sealed class SiteFixture
{
    public SiteFixture()
    {
        Output = Path.Combine(TestPaths.Root, "artifacts", "site-test");
        if (Directory.Exists(Output)) Directory.Delete(Output, recursive: true);
        var sources = Directory.Exists(TestPaths.Notebooks)
            ? Directory.GetFiles(TestPaths.Notebooks, "*.dib").Order(StringComparer.Ordinal).ToList()
            : [];
        sources.Add(SamplePath);
        var log = new StringWriter();
        Result = SiteBuilder.Build(sources, Output, Execute, log);
        Log = log.ToString();
    }

    /// <summary>The sample lesson that holds every kind of output.</summary>
    public static string SamplePath { get; } = Path.Combine(TestPaths.Root, "tests", "ClassicML.Notebooks.Tests", "SiteSample", "99-site-sample.dib");

    /// <summary>The site's folder.</summary>
    public string Output { get; }

    /// <summary>What the builder wrote.</summary>
    internal SiteResult Result { get; }

    /// <summary>The builder's progress log.</summary>
    public string Log { get; }

    private static Notebook Execute(string path, Action<string> progress) =>
        string.Equals(Path.GetFullPath(path), Path.GetFullPath(SamplePath), StringComparison.Ordinal)
            ? SampleWithOutputs(path)
            : SiteRender.RunNotebook(path, progress);

    /// <summary>The sample notebook with the outputs its cells produce (built here, without the runner).</summary>
    internal static Notebook SampleWithOutputs(string path)
    {
        var notebook = NotebookFile.Load(path);
        var code = notebook.Cells.Where(c => c.Kind == CellKind.Code).ToList();
        var xs = Enumerable.Range(-40, 81).Select(i => i / 8.0).ToArray();
        Plotly.NET.GenericChart Sigmoid(double k, string name) =>
            Plotly.NET.CSharp.Chart.Line<double, double, string>(x: xs, y: xs.Select(x => 1 / (1 + Math.Exp(-k * x))), Name: name);
        var still = new Figure(Sigmoid(1, "σ"));
        var animated = new Figure(Sigmoid(1, "σ(kx)"), Enumerable.Range(1, 5).Select(k => new AnimationFrame($"k={k}", Sigmoid(k, "σ(kx)"))));

        code[0].Outputs.Add(new StreamOutput("stdout", "setup done\n"));
        code[1].Outputs.Add(Display(still));
        code[2].Outputs.Add(Display(animated));
        code[3].Outputs.Add(new StreamOutput("stderr", "a warning on stderr\n"));
        code[3].Outputs.Add(new ExecuteResultOutput(new MimeBundle([new MimeValue("text/plain", "3.141593")]), 4));
        for (var i = 0; i < code.Count; i++) code[i].ExecutionCount = i + 1;
        return notebook;
    }

    private static DisplayDataOutput Display(Figure figure) =>
        new(new MimeBundle([new MimeValue("text/html", figure.ToHtml()), new MimeValue("text/plain", figure.ToString())]));
}
