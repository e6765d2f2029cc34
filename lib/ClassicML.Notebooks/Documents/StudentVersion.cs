using System.Text.RegularExpressions;

namespace ClassicML.Notebooks.Documents;

/// <summary>
/// Makes the student version of a lesson: every solution block (the lines from <c>// BEGIN SOLUTION</c> through
/// <c>// END SOLUTION</c> in a code cell) becomes one line <c>throw new NotImplementedException("Exercise N.M");</c>
/// at the BEGIN line's indentation; the teacher's hidden-test cells are removed; and everything else that could
/// carry a solution is dropped: outputs, execution counts, cell metadata and attachments, and notebook metadata
/// other than the kernel's.
/// </summary>
/// <remarks>
/// The exercise id N.M is taken, in this order, from (1) <c>Exercise N.M</c> written on the BEGIN line
/// (<c>// BEGIN SOLUTION // Exercise 2.3</c>), (2) the first checker call <c>Exercise.Check…("N.M", …)</c> after the
/// END line in the same cell, (3) the first such call in the next code cell (the check cell), (4) the
/// <c>// HIDDEN TESTS N.M</c> line of the code cell after that (an exercise graded only by hidden tests). A block
/// whose id cannot be found this way, or an unbalanced BEGIN/END, is an error naming the cell. Put solution blocks
/// inside a method or lambda body, so the student version throws only when the exercise is called (and the checker
/// reports it as not done yet) rather than when the cell runs.
/// </remarks>
public static partial class StudentVersion
{
    /// <summary>The marker line that opens a solution block.</summary>
    public const string BeginMarker = "// BEGIN SOLUTION";

    /// <summary>The marker line that closes a solution block.</summary>
    public const string EndMarker = "// END SOLUTION";

    /// <summary>
    /// The marker that opens the first non-blank line of a hidden-test cell; the same text as
    /// <c>ClassicML.Exercises.HiddenTest.Marker</c> (the toolchain does not reference ClassicML.dll; a test compares them).
    /// </summary>
    public const string HiddenTestMarker = "// HIDDEN TESTS";

    [GeneratedRegex(@"^(?<indent>\s*)// BEGIN SOLUTION\b(?<rest>.*)$")]
    private static partial Regex BeginLine();

    [GeneratedRegex(@"^\s*// END SOLUTION\b")]
    private static partial Regex EndLine();

    [GeneratedRegex(@"\bExercise\s+(?<id>\d+(?:\.\d+)+)")]
    private static partial Regex IdComment();

    [GeneratedRegex(@"\bExercise\.Check\w*\(\s*(?:id\s*:\s*)?""(?<id>[^""]+)""")]
    private static partial Regex CheckCall();

    /// <summary>The student version of <paramref name="notebook"/> (a new notebook; the original is unchanged).</summary>
    /// <param name="notebook">The lesson with its solutions.</param>
    /// <param name="name">The notebook's name, used in error messages.</param>
    /// <exception cref="FormatException">A block is unbalanced or its exercise id cannot be found.</exception>
    public static Notebook Create(Notebook notebook, string name = "notebook")
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var student = notebook.CloneWithoutOutputs();
        for (var i = 0; i < student.Cells.Count; i++)
        {
            var cell = student.Cells[i];
            if (cell.Kind != CellKind.Code
                || !(cell.Source.Contains(BeginMarker, StringComparison.Ordinal) || cell.Source.Contains(EndMarker, StringComparison.Ordinal))) continue;
            var following = student.Cells.Skip(i + 1).Where(c => c.Kind == CellKind.Code).Take(2).Select(c => c.Source).ToList();
            cell.Source = Strip(cell.Source, following.ElementAtOrDefault(0) ?? "", following.ElementAtOrDefault(1) ?? "", $"{name}: cell {i + 1}");
        }
        // The teacher's hidden tests: never in anything a student gets (they name the inputs the grader tries).
        student.Cells.RemoveAll(IsHiddenTestCell);
        foreach (var cell in student.Cells)
        {
            // Cell metadata and attachments (an .ipynb's images, tags, a tool's grading data) may carry anything,
            // solutions included; the writers add back the kernel name a cell needs. Ids are derived from the content.
            cell.Id = null;
            cell.ExecutionCount = null;
            cell.Metadata = [];
            cell.ExtraFields = [];
            cell.RawIpynbSource = null;
        }
        var metadata = new System.Text.Json.Nodes.JsonObject();
        foreach (var key in new[] { "kernelspec", "language_info", "polyglot_notebook" })
        {
            if (student.Metadata[key] is { } value) metadata[key] = value.DeepClone();
        }
        student.Metadata = metadata;
        student.ExtraFields = [];
        return student;
    }

    /// <summary>
    /// True for a hidden-test cell: a code cell whose first non-blank line starts with <see cref="HiddenTestMarker"/>.
    /// </summary>
    public static bool IsHiddenTestCell(Cell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Kind != CellKind.Code) return false;
        var first = cell.Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        return first is not null && first.StartsWith(HiddenTestMarker, StringComparison.Ordinal);
    }

    /// <summary>The ids of the exercises whose solutions <paramref name="notebook"/> holds, in order.</summary>
    public static IReadOnlyList<string> ExerciseIds(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var ids = new List<string>();
        var student = Create(notebook);
        foreach (var cell in student.Cells.Where(c => c.Kind == CellKind.Code))
        {
            foreach (Match m in Regex.Matches(cell.Source, @"throw new NotImplementedException\(""Exercise (?<id>[^""]+)""\);"))
                ids.Add(m.Groups["id"].Value);
        }
        return ids;
    }

    /// <summary>
    /// Rewrites relative <c>#r "path.dll"</c> directives written for a notebook in <paramref name="fromFolder"/> so they
    /// name the same file from <paramref name="toFolder"/> (for copies written elsewhere, e.g. artifacts/student/).
    /// </summary>
    public static void RebaseReferences(Notebook notebook, string fromFolder, string toFolder)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        foreach (var cell in notebook.Cells.Where(c => c.Kind == CellKind.Code))
        {
            cell.Source = ReferenceLine().Replace(cell.Source, m =>
            {
                var reference = m.Groups["ref"].Value;
                if (reference.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase) || Path.IsPathRooted(reference)) return m.Value;
                var absolute = Path.GetFullPath(Path.Combine(fromFolder, reference));
                var rebased = Path.GetRelativePath(Path.GetFullPath(toFolder), absolute).Replace('\\', '/');
                return $"{m.Groups["head"].Value}\"{rebased}\"";
            });
        }
    }

    [GeneratedRegex("""(?m)^(?<head>\s*#r\s+)"(?<ref>[^"]*)"(?=\s*$)""")]
    private static partial Regex ReferenceLine();

    [GeneratedRegex(@"^\s*// HIDDEN TESTS\s+(?<id>\d+\.\d+[a-z]?)\b", RegexOptions.Multiline)]
    private static partial Regex HiddenLine();

    private static string Strip(string source, string nextCell, string cellAfterNext, string where)
    {
        var lines = source.Split('\n');
        var output = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var begin = BeginLine().Match(lines[i].TrimEnd('\r'));
            if (!begin.Success)
            {
                if (EndLine().IsMatch(lines[i]))
                    throw new FormatException($"{where}, line {i + 1}: '{EndMarker}' without a '{BeginMarker}' before it.");
                output.Add(lines[i]);
                continue;
            }
            var end = -1;
            for (var j = i + 1; j < lines.Length; j++)
            {
                if (BeginLine().IsMatch(lines[j]))
                    throw new FormatException($"{where}, line {j + 1}: '{BeginMarker}' inside another solution block (opened on line {i + 1}); close it first.");
                if (EndLine().IsMatch(lines[j]))
                {
                    end = j;
                    break;
                }
            }
            if (end < 0)
                throw new FormatException($"{where}, line {i + 1}: '{BeginMarker}' has no '{EndMarker}' after it.");
            var id = IdComment().Match(begin.Groups["rest"].Value) is { Success: true } c ? c.Groups["id"].Value
                : CheckCall().Match(string.Join('\n', lines[(end + 1)..])) is { Success: true } same ? same.Groups["id"].Value
                : CheckCall().Match(nextCell) is { Success: true } next ? next.Groups["id"].Value
                : HiddenLine().Match(nextCell) is { Success: true } hiddenNext ? hiddenNext.Groups["id"].Value
                : HiddenLine().Match(cellAfterNext) is { Success: true } hidden ? hidden.Groups["id"].Value
                : throw new FormatException(
                    $"{where}, line {i + 1}: cannot tell which exercise this solution belongs to; write '{BeginMarker} // Exercise N.M' or check it with Exercise.Check…(\"N.M\", …) in the next code cell.");
            var lineBreak = lines[i].EndsWith('\r') ? "\r" : "";
            output.Add($"{begin.Groups["indent"].Value}throw new NotImplementedException(\"Exercise {id}\");{lineBreak}");
            i = end;
        }
        return string.Join('\n', output);
    }
}
