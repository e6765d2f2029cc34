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
/// Renders the site once into <c>artifacts/site-test/</c>, the way <c>render</c> does (each notebook run by
/// the toolchain's runner): every lesson under notebooks/ plus <c>SiteSample/99-site-sample.dib</c>, whose
/// cells make a still chart, an animation, streams and a value, so the site always holds every kind of output.
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

    private static Notebook Execute(string path, Action<string> progress) => SiteRender.RunNotebook(path, progress);
}
