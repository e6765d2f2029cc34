namespace ClassicML.Notebooks.Tests;

/// <summary>Where the repository's notebooks live, and the notebooks there, for theories over the folder.</summary>
public static class TestPaths
{
    public static string Root { get; } = RepoPaths.FindRoot(AppContext.BaseDirectory);

    public static string Notebooks => RepoPaths.NotebooksFolder(Root);

    /// <summary>Every .dib under notebooks/ (file names relative to the folder); 00-setup.dib is always there.</summary>
    public static TheoryData<string> DibNotebooks()
    {
        var data = new TheoryData<string>();
        foreach (var f in Files("*.dib")) data.Add(f);
        return data;
    }

    /// <summary>Every .ipynb under notebooks/.</summary>
    public static TheoryData<string> IpynbNotebooks()
    {
        var data = new TheoryData<string>();
        foreach (var f in Files("*.ipynb")) data.Add(f);
        return data;
    }

    /// <summary>A fresh folder under the system temp folder, deleted by <see cref="IDisposable.Dispose"/>.</summary>
    public sealed class TempFolder : IDisposable
    {
        public TempFolder(bool asRepository = false)
        {
            Path = Directory.CreateTempSubdirectory("classicml-nb-").FullName;
            if (asRepository)
            {
                File.WriteAllText(System.IO.Path.Combine(Path, RepoPaths.SolutionFileName), "");
                Directory.CreateDirectory(System.IO.Path.Combine(Path, "notebooks"));
            }
        }

        public string Path { get; }

        public string this[string relative] => System.IO.Path.Combine(Path, relative);

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static IEnumerable<string> Files(string pattern) =>
        Directory.Exists(Notebooks)
            ? Directory.GetFiles(Notebooks, pattern).Select(Path.GetFileName).Order(StringComparer.Ordinal).Cast<string>()
            : [];
}
