using System.Text;

namespace ClassicML.Notebooks.Documents;

/// <summary>Loads and saves notebooks, choosing .dib or .ipynb by the file extension; saves are atomic.</summary>
public static class NotebookFile
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the notebook at <paramref name="path"/> (<c>.dib</c> or <c>.ipynb</c>).</summary>
    /// <exception cref="ArgumentException">The extension is neither .dib nor .ipynb.</exception>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static Notebook Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var format = FormatOf(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"No notebook at '{Path.GetFullPath(path)}'.", path);
        // Read the raw bytes so a byte-order mark reaches the .dib reader, which keeps it for the round trip.
        var text = s_utf8.GetString(File.ReadAllBytes(path));
        return format == ".dib" ? DibFormat.Parse(text) : IpynbFormat.Parse(text);
    }

    /// <summary>The text <paramref name="notebook"/> is saved as at <paramref name="path"/>.</summary>
    public static string Serialize(Notebook notebook, string path) =>
        FormatOf(path) == ".dib" ? DibFormat.Write(notebook) : IpynbFormat.Write(notebook);

    /// <summary>Writes <paramref name="notebook"/> to <paramref name="path"/> in the format its extension names.</summary>
    public static void Save(Notebook notebook, string path)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        WriteAllTextAtomic(path, Serialize(notebook, path));
    }

    /// <summary>
    /// Writes <paramref name="text"/> as UTF-8 (no BOM) to a temporary file in the target's folder, then moves it
    /// over <paramref name="path"/>, so a reader never sees a half-written file.
    /// </summary>
    public static void WriteAllTextAtomic(string path, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(text);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temp, s_utf8.GetBytes(text));
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static string FormatOf(string path)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is not (".dib" or ".ipynb"))
            throw new ArgumentException($"'{path}' is not a notebook: use a .dib or .ipynb file.", nameof(path));
        return ext;
    }
}
