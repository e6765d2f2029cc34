using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Data;

/// <summary>
/// A CSV file that could not be read as a numeric table. <see cref="Line"/> and <see cref="Column"/> (both 1-based)
/// point at the problem, and the message names the file, the line and the column.
/// </summary>
public sealed class CsvFormatException : FormatException
{
    /// <summary>Creates the exception; the message is prefixed with "<c>file</c>, line L, column C: ".</summary>
    /// <param name="file">The file (or source name) being read.</param>
    /// <param name="line">1-based line number in the file, counting comment and blank lines.</param>
    /// <param name="column">1-based column number, or null when the problem is the whole line.</param>
    /// <param name="problem">What is wrong and what to do about it.</param>
    public CsvFormatException(string file, int line, int? column, string problem)
        : base(Describe(file, line, column) + problem)
    {
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>The file (or source name) being read.</summary>
    public string File { get; }

    /// <summary>1-based line number of the problem.</summary>
    public int Line { get; }

    /// <summary>1-based column number of the problem; null when it concerns the whole line.</summary>
    public int? Column { get; }

    private static string Describe(string file, int line, int? column) =>
        column is { } c ? $"{file}, line {line}, column {c}: " : $"{file}, line {line}: ";
}

/// <summary>
/// A numeric table read from CSV: column names from the header row and the values as a matrix (one row per data line).
/// </summary>
/// <param name="Source">The file the table came from (full path), or a name for text parsed directly.</param>
/// <param name="Columns">The column names, in file order.</param>
/// <param name="Values">The values: <c>Values[i, j]</c> is data row i, column j.</param>
public sealed record CsvTable(string Source, IReadOnlyList<string> Columns, Matrix<double> Values)
{
    /// <summary>Number of data rows.</summary>
    public int RowCount => Values.RowCount;

    /// <summary>The 1-based file line of each data row (for error messages); empty when the table was not read from text.</summary>
    public IReadOnlyList<int> LineNumbers { get; init; } = [];

    /// <summary>
    /// Column <paramref name="name"/> as integer class labels; a value that is not a whole number throws a
    /// <see cref="CsvFormatException"/> naming its line and column.
    /// </summary>
    /// <param name="name">A column name.</param>
    public int[] Labels(string name)
    {
        var j = IndexOf(name);
        var labels = new int[RowCount];
        for (var i = 0; i < RowCount; i++)
        {
            var v = Values[i, j];
            if (v != Math.Round(v) || v < int.MinValue || v > int.MaxValue)
                throw new CsvFormatException(Source, i < LineNumbers.Count ? LineNumbers[i] : i + 2, j + 1,
                    $"('{name}') {v.ToString(CultureInfo.InvariantCulture)} is not a whole number; class labels must be integers such as 0, 1 or -1.");
            labels[i] = (int)v;
        }
        return labels;
    }

    /// <summary>
    /// Like <see cref="Split"/> for classification: X from the <paramref name="features"/> columns (all others when none
    /// are named) and the <paramref name="target"/> column as integer labels (see <see cref="Labels"/>).
    /// </summary>
    /// <param name="target">The label column's name.</param>
    /// <param name="features">Feature column names; empty means every other column, in file order.</param>
    public (Matrix<double> X, int[] Labels) SplitLabels(string target, params string[] features)
    {
        var (X, _) = Split(target, features);
        return (X, Labels(target));
    }

    /// <summary>The 0-based index of column <paramref name="name"/>; an unknown name throws, listing the available ones.</summary>
    /// <param name="name">A column name (exact, case-sensitive).</param>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (var j = 0; j < Columns.Count; j++)
            if (string.Equals(Columns[j], name, StringComparison.Ordinal)) return j;
        var hint = Columns.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase)) is { } near ? $" (did you mean '{near}'? names are case-sensitive)" : "";
        throw new ArgumentException($"{Source} has no column '{name}'{hint}; its columns are: {string.Join(", ", Columns)}.", nameof(name));
    }

    /// <summary>The values of column <paramref name="name"/>.</summary>
    /// <param name="name">A column name.</param>
    public Vector<double> Column(string name) => Values.Column(IndexOf(name));

    /// <summary>The columns <paramref name="names"/>, in the given order, as an n × k matrix.</summary>
    /// <param name="names">Column names (at least one).</param>
    public Matrix<double> Select(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Length == 0) throw new ArgumentException($"Name at least one column; {Source} has: {string.Join(", ", Columns)}.", nameof(names));
        var index = names.Select(IndexOf).ToArray();
        return Matrix<double>.Build.Dense(RowCount, index.Length, (i, j) => Values[i, index[j]]);
    }

    /// <summary>
    /// Splits the table into a design matrix X (the <paramref name="features"/> columns, in that order; all columns but the
    /// target when none are named) and a target vector y (column <paramref name="target"/>).
    /// </summary>
    /// <param name="target">The target column's name.</param>
    /// <param name="features">Feature column names; empty means every other column, in file order.</param>
    public (Matrix<double> X, Vector<double> y) Split(string target, params string[] features)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(features);
        int t;
        try
        {
            t = IndexOf(target);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException(ex.Message, nameof(target));
        }
        var names = features.Length > 0 ? features : Columns.Where((_, j) => j != t).ToArray();
        if (names.Length == 0) throw new ArgumentException($"{Source} has only the target column '{target}'; there are no features.", nameof(features));
        if (names.Contains(target, StringComparer.Ordinal))
            throw new ArgumentException($"The target '{target}' is also listed as a feature; a model would just copy it. Remove it from the features.", nameof(features));
        Matrix<double> X;
        try
        {
            X = Select(names);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException(ex.Message, nameof(features));
        }
        return (X, Values.Column(t));
    }
}

/// <summary>
/// Reads and writes numeric CSV: a header row of column names, then one line of numbers per row, comma-separated,
/// invariant culture (a dot as decimal separator). Whitespace around fields, blank lines, a trailing newline and comment
/// lines starting with <c>#</c> are allowed; quoted fields are not. Every value must be a finite number.
/// </summary>
public static class Csv
{
    /// <summary>Reads the CSV file at <paramref name="path"/> (relative paths resolve from the current directory).</summary>
    /// <param name="path">The file's path.</param>
    /// <exception cref="FileNotFoundException">The file does not exist; the message names the full path tried.</exception>
    /// <exception cref="CsvFormatException">The text is not a complete numeric table; the message names file, line and column.</exception>
    public static CsvTable Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"No CSV file at '{full}' (the current directory is '{Environment.CurrentDirectory}'). Check the path, or load a course file with Csv.LoadCourseData(\"<name>.csv\"), which finds the data/ folder from wherever the notebook runs.", full);
        return Parse(File.ReadAllText(full, Encoding.UTF8), full);
    }

    /// <summary>
    /// Reads one of the course's data files, <c>data/<paramref name="fileName"/></c>, looking for the <c>data</c> folder in
    /// <paramref name="startFolder"/> and then in each folder above it. Polyglot Notebooks runs a lesson from
    /// <c>notebooks/</c> and the headless runner from wherever it was started; both find the same file.
    /// </summary>
    /// <param name="fileName">A file name inside data/, e.g. <c>normal-equation-table.csv</c>.</param>
    /// <param name="startFolder">Where to start looking; null for the current directory.</param>
    /// <exception cref="FileNotFoundException">No folder on the way up has data/<paramref name="fileName"/>; the message names where the search started.</exception>
    public static CsvTable LoadCourseData(string fileName, string? startFolder = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (fileName.IndexOfAny(['/', '\\']) >= 0)
            throw new ArgumentException($"'{fileName}' is a path; pass just the file name inside data/, e.g. normal-equation-table.csv.", nameof(fileName));
        var start = new DirectoryInfo(startFolder ?? Environment.CurrentDirectory);
        for (var dir = start; dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "data", fileName);
            if (File.Exists(candidate)) return Load(candidate);
        }
        throw new FileNotFoundException($"data/{fileName} is neither in '{start.FullName}' nor in any folder above it. Run the lesson from inside the course's repository, or load the file by its path with Csv.Load.", fileName);
    }

    /// <summary>Parses CSV text (same rules as <see cref="Load"/>).</summary>
    /// <param name="text">The CSV text.</param>
    /// <param name="source">The name used in error messages and <see cref="CsvTable.Source"/>.</param>
    public static CsvTable Parse(string text, string source = "<csv text>")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        // A UTF-8 byte-order mark that reached the text (File.ReadAllText drops it, other readers may not) is not part
        // of the first column's name; without this, looking that column up by name fails.
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var lines = text.Split('\n');
        string[]? header = null;
        var rows = new List<double[]>();
        var rowLines = new List<int>();
        for (var l = 0; l < lines.Length; l++)
        {
            var line = lines[l].TrimEnd('\r');
            var lineNumber = l + 1;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#') continue;
            var fields = line.Split(',');
            if (header is null)
            {
                header = ReadHeader(fields, source, lineNumber);
                continue;
            }
            if (fields.Length != header.Length)
            {
                var first = Math.Min(fields.Length, header.Length) + 1;
                throw new CsvFormatException(source, lineNumber, first,
                    $"expected {header.Length} fields (as in the header: {string.Join(", ", header)}) but found {fields.Length}.");
            }
            var row = new double[fields.Length];
            for (var j = 0; j < fields.Length; j++)
                row[j] = ReadNumber(fields[j].Trim(), source, lineNumber, j, header);
            rows.Add(row);
            rowLines.Add(lineNumber);
        }
        if (header is null)
            throw new CsvFormatException(source, Math.Max(1, lines.Length), null, "the file has no header row (it is empty or has only comments); the first line must name the columns, e.g. x1,x2,y.");
        if (rows.Count == 0)
            throw new CsvFormatException(source, Math.Max(1, lines.Length), null, "the file has a header but no data rows.");
        var values = Matrix<double>.Build.Dense(rows.Count, header.Length, (i, j) => rows[i][j]);
        return new CsvTable(source, header, values) { LineNumbers = rowLines.ToArray() };
    }

    /// <summary>
    /// Writes a numeric table with a header row, optional leading <c># </c> comment lines, and values in round-trip format,
    /// atomically: the text goes to a temporary file beside <paramref name="path"/>, which then replaces it.
    /// </summary>
    /// <param name="path">The destination file.</param>
    /// <param name="columns">Column names: non-empty, unique, not numbers, no comma or line break, the first not starting with <c>#</c> — exactly the names <see cref="Load"/> can read back.</param>
    /// <param name="values">The values, one column per name; all finite.</param>
    /// <param name="comment">Optional comment text (e.g. where the data came from), one <c>#</c> line per text line.</param>
    public static void Save(string path, IReadOnlyList<string> columns, Matrix<double> values, string? comment = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (columns.Count != values.ColumnCount)
            throw new ArgumentException($"There are {columns.Count} column names but the matrix has {values.ColumnCount} columns.", nameof(columns));
        foreach (var name in columns)
            if (name is not null && name.IndexOfAny(['\n', '\r']) >= 0)
                throw new ArgumentException($"column name '{name.ReplaceLineEndings(" ")}' contains a line break, which would end the header line early; rename the column.", nameof(columns));
        ReadHeader(columns.ToArray(), "column names", 1, nameof(columns));
        var text = new StringBuilder();
        if (comment is not null)
            foreach (var c in comment.Split('\n')) text.Append("# ").Append(c.TrimEnd('\r')).Append('\n');
        text.Append(string.Join(",", columns)).Append('\n');
        for (var i = 0; i < values.RowCount; i++)
        {
            for (var j = 0; j < values.ColumnCount; j++)
            {
                var v = values[i, j];
                if (!double.IsFinite(v)) throw new ArgumentException($"values[{i}, {j}] is {v.ToString(CultureInfo.InvariantCulture)}; CSV data must be finite.", nameof(values));
                if (j > 0) text.Append(',');
                text.Append(v.ToString("R", CultureInfo.InvariantCulture));
            }
            text.Append('\n');
        }
        var full = System.IO.Path.GetFullPath(path);
        var temp = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            File.WriteAllText(temp, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static string[] ReadHeader(string[] fields, string source, int lineNumber, string? paramName = null)
    {
        var names = fields.Select(f => f.Trim()).ToArray();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < names.Length; j++)
        {
            string? problem = null;
            if (names[j].Length == 0) problem = "the header has an empty column name; name every column.";
            else if (names[j].IndexOfAny([',', '\n', '\r']) >= 0)
                problem = $"column name '{names[j].ReplaceLineEndings(" ")}' contains a comma or a line break, which would split it into other fields or rows; rename the column (e.g. with '_').";
            else if (j == 0 && names[j][0] == '#')
                problem = $"the first column name '{names[j]}' starts with '#', so the header line would be read back as a comment; rename the column.";
            else if (names[j].Contains('"')) problem = $"column name {names[j]} is quoted; quoted fields are not supported, write the name without quotes.";
            else if (seen.TryGetValue(names[j], out var earlier)) problem = $"column name '{names[j]}' appears twice (also column {earlier}); names must be unique.";
            else if (double.TryParse(names[j], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                problem = $"the first line should be a header of column names, but its field '{names[j]}' is a number; add a header row such as x1,x2,y.";
            if (problem is not null)
            {
                if (paramName is not null) throw new ArgumentException(problem, paramName);
                throw new CsvFormatException(source, lineNumber, j + 1, problem);
            }
            seen[names[j]] = j + 1;
        }
        return names;
    }

    private static double ReadNumber(string cell, string source, int lineNumber, int j, string[] header)
    {
        var where = $"('{header[j]}') ";
        if (cell.Length == 0)
            throw new CsvFormatException(source, lineNumber, j + 1, $"{where}is empty; every cell needs a number (fill or drop incomplete rows before saving).");
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            var advice = cell.Contains(';') ? " (the separator must be a comma)"
                : cell.Contains('"') ? " (quoted fields are not supported)"
                : "";
            throw new CsvFormatException(source, lineNumber, j + 1, $"{where}'{cell}' is not a number{advice}; use invariant-culture numbers such as -1.25 or 3e-4.");
        }
        if (!double.IsFinite(value))
            throw new CsvFormatException(source, lineNumber, j + 1, $"{where}'{cell}' is not a finite number; missing or infinite values are not allowed in the course's data.");
        return value;
    }
}
