namespace ClassicML.Notebooks.Documents;

/// <summary>
/// Keeps each lesson's generated <c>.ipynb</c> in step with its <c>.dib</c> source: the .ipynb is the .dib's cells
/// in nbformat 4.5, without outputs, with deterministic cell ids, so regenerating it never changes a byte.
/// </summary>
public static class NotebookSync
{
    /// <summary>The .ipynb text generated from the .dib text <paramref name="dibText"/>.</summary>
    public static string IpynbFromDib(string dibText)
    {
        ArgumentNullException.ThrowIfNull(dibText);
        var notebook = DibFormat.Parse(dibText).CloneWithoutOutputs();
        foreach (var cell in notebook.Cells) cell.Id = null; // ids come from index + content, not from an earlier file
        return IpynbFormat.Write(notebook);
    }

    /// <summary>The path of the .ipynb generated beside <paramref name="dibPath"/>.</summary>
    public static string IpynbPathFor(string dibPath) => Path.ChangeExtension(dibPath, ".ipynb");

    /// <summary>
    /// Compares (and unless <paramref name="checkOnly"/>, rewrites) the .ipynb beside <paramref name="dibPath"/>.
    /// Returns true when the .ipynb was missing or differed from what the .dib generates.
    /// </summary>
    public static bool Sync(string dibPath, bool checkOnly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dibPath);
        var expected = IpynbFromDib(File.ReadAllText(dibPath));
        var target = IpynbPathFor(dibPath);
        var current = File.Exists(target) ? File.ReadAllText(target) : null;
        if (current == expected) return false;
        if (!checkOnly) NotebookFile.WriteAllTextAtomic(target, expected);
        return true;
    }
}
