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

    /// <summary>What <see cref="Sync"/> found or did.</summary>
    public enum Outcome
    {
        /// <summary>The .ipynb already is what the .dib generates.</summary>
        Unchanged,
        /// <summary>The .ipynb was missing or an older generated file: written (or, checking only, would be).</summary>
        Updated,
        /// <summary>
        /// The .ipynb holds changes sync did not make (a cell added or edited in Jupyter, outputs saved): left alone,
        /// unless forced.
        /// </summary>
        EditedByHand,
        /// <summary>The .ipynb held changes sync did not make and was overwritten because sync was forced.</summary>
        Overwritten,
    }

    /// <summary>
    /// True when <paramref name="ipynbText"/> is exactly what sync generates from some .dib: the cells of the file,
    /// written back as a .dib and generated again, give the same text. A cell added in Jupyter (a random id), a cell
    /// edited there (its id no longer matches its content), outputs or execution counts all make it false.
    /// </summary>
    public static bool IsGenerated(string ipynbText)
    {
        ArgumentNullException.ThrowIfNull(ipynbText);
        try
        {
            return IpynbFromDib(DibFormat.Write(IpynbFormat.Parse(ipynbText))) == ipynbText;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Compares (and unless <paramref name="checkOnly"/>, rewrites) the .ipynb beside <paramref name="dibPath"/>. An
    /// .ipynb that sync did not generate as it is (see <see cref="IsGenerated"/>) is only replaced with
    /// <paramref name="force"/>, so an edit made in Jupyter is never lost silently.
    /// </summary>
    public static Outcome Sync(string dibPath, bool checkOnly, bool force = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dibPath);
        var expected = IpynbFromDib(File.ReadAllText(dibPath));
        var target = IpynbPathFor(dibPath);
        var current = File.Exists(target) ? File.ReadAllText(target) : null;
        if (current == expected) return Outcome.Unchanged;
        var edited = current is not null && !IsGenerated(current);
        if (edited && !force) return Outcome.EditedByHand;
        if (!checkOnly) NotebookFile.WriteAllTextAtomic(target, expected);
        return edited ? Outcome.Overwritten : Outcome.Updated;
    }
}
