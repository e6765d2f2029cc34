namespace ClassicML.Notebooks.Tests;

/// <summary>Where the repository's notebooks live, and the notebooks there, for theories over the folder.</summary>
public static class TestPaths
{
    public static string Root { get; } = RepoPaths.FindRoot(AppContext.BaseDirectory);

    public static string Notebooks => RepoPaths.NotebooksFolder(Root);

    /// <summary>Every .dib under notebooks/ (file names relative to the folder); one placeholder row when none exist yet.</summary>
    public static TheoryData<string> DibNotebooks()
    {
        var data = new TheoryData<string>();
        foreach (var f in Files("*.dib")) data.Add(f);
        if (data.Count == 0) data.Add("");
        return data;
    }

    /// <summary>Every .ipynb under notebooks/; one placeholder row when none exist yet.</summary>
    public static TheoryData<string> IpynbNotebooks()
    {
        var data = new TheoryData<string>();
        foreach (var f in Files("*.ipynb")) data.Add(f);
        if (data.Count == 0) data.Add("");
        return data;
    }

    private static IEnumerable<string> Files(string pattern) =>
        Directory.Exists(Notebooks)
            ? Directory.GetFiles(Notebooks, pattern).Select(Path.GetFileName).Order(StringComparer.Ordinal).Cast<string>()
            : [];
}
