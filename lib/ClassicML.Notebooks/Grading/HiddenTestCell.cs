using System.Text.RegularExpressions;
using ClassicML.Notebooks.Documents;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClassicML.Notebooks.Grading;

/// <summary>
/// One teacher's hidden-test cell: a code cell whose first non-blank line is
/// <c>// HIDDEN TESTS N.M points=P [forbid=Ns.Type.Member,Ns.Type]</c> (see <c>ClassicML.Exercises.HiddenTest</c>).
/// </summary>
/// <param name="ExerciseId">The exercise the cell grades, <c>N.M</c>.</param>
/// <param name="Points">The exercise's maximum (the parts' points must add up to it; checked after the teacher's run).</param>
/// <param name="Forbidden">Library members (<c>Namespace.Type.Member</c>) or types (<c>Namespace.Type</c>) the student's own code must not use.</param>
/// <param name="Source">The cell's code as the teacher wrote it.</param>
/// <param name="CellNumber">The cell's 1-based position in the teacher's notebook (for messages).</param>
public sealed partial record HiddenTestCell(string ExerciseId, int Points, IReadOnlyList<string> Forbidden, string Source, int CellNumber)
{
    /// <summary>The marker that opens a hidden-test cell (<see cref="StudentVersion.HiddenTestMarker"/>, which a test keeps equal to <c>ClassicML.Exercises.HiddenTest.Marker</c>).</summary>
    public const string Marker = StudentVersion.HiddenTestMarker;

    /// <summary>The library's hidden-test entry point, as hidden cells must write it.</summary>
    internal const string PartMethod = "global::ClassicML.Exercises.HiddenTest.Part";

    [GeneratedRegex(@"^// HIDDEN TESTS (?<id>\d+\.\d+) points=(?<points>[1-9]\d{0,3})(?: forbid=(?<forbid>\S+))?\s*$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$")]
    private static partial Regex DottedName();

    /// <summary>
    /// Whether <paramref name="cell"/> is a hidden-test cell: the one test <see cref="StudentVersion.IsHiddenTestCell"/>
    /// that <c>assign</c> uses to remove them, so the grader runs exactly the cells students never saw.
    /// </summary>
    public static bool IsHiddenTestCell(Cell cell) => StudentVersion.IsHiddenTestCell(cell);

    /// <summary>
    /// Reads a hidden-test cell's header.
    /// </summary>
    /// <exception cref="FormatException">The header is malformed: the message names the notebook, the cell and the expected form.</exception>
    public static HiddenTestCell Parse(Cell cell, int cellNumber, string notebookName)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var first = FirstLine(cell.Source).Trim();
        var m = Header().Match(first);
        if (!m.Success)
            throw new FormatException($"{notebookName}: cell {cellNumber}: the hidden-test header '{first}' is malformed; write "
                                      + "'// HIDDEN TESTS N.M points=P' (N.M the exercise id, P a whole number of points from 1 to 9999), "
                                      + "optionally followed by ' forbid=Namespace.Type.Member,Namespace.Type'.");
        var forbidden = new List<string>();
        if (m.Groups["forbid"].Success)
        {
            foreach (var entry in m.Groups["forbid"].Value.Split(','))
            {
                if (!DottedName().IsMatch(entry))
                    throw new FormatException($"{notebookName}: cell {cellNumber}: forbid= entry '{entry}' is not a dotted library name; "
                                              + "write Namespace.Type.Member or Namespace.Type, separated by commas without spaces.");
                forbidden.Add(entry.StartsWith("global.", StringComparison.Ordinal) ? entry["global.".Length..] : entry);
            }
        }
        var tree = CSharpSyntaxTree.ParseText(cell.Source, ScriptParse);
        if (tree.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
            throw new FormatException($"{notebookName}: cell {cellNumber} (hidden tests {m.Groups["id"].Value}): line {error.Location.GetLineSpan().StartLinePosition.Line + 1}: {error.GetMessage()}");
        if (!PartCalls(tree.GetRoot()).Any())
            throw new FormatException($"{notebookName}: cell {cellNumber} (hidden tests {m.Groups["id"].Value}): no call of {PartMethod}(\"{m.Groups["id"].Value}\", points, \"what\", () => …); "
                                      + "a hidden-test cell grades its exercise through those calls, written with global::.");
        return new HiddenTestCell(m.Groups["id"].Value, int.Parse(m.Groups["points"].Value, System.Globalization.CultureInfo.InvariantCulture), forbidden, cell.Source, cellNumber);
    }

    internal static readonly CSharpParseOptions ScriptParse = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>
    /// The code the grader submits for this cell: the teacher's code with strict mode switched off first (a student's
    /// <c>Exercise.Strict = true/false</c> must not decide whether a failing part throws), every
    /// <c>global::ClassicML.Exercises.HiddenTest.Part(…)</c> call routed through a collector, and as the cell's return
    /// value a tuple of <paramref name="token"/> and the graded parts. The token is made after the student's cells ran,
    /// so no student code has seen it; the grader accepts only a return value carrying it. Everything added names its
    /// types with <c>global::</c> and no <c>var</c>, so a student's own <c>Tuple</c>, <c>List</c> or <c>var</c> type does not
    /// bind. Added text sits on the first line and after the last one, so line numbers do not move.
    /// </summary>
    public string GradingCode(string token)
    {
        if (!TokenShape().IsMatch(token)) throw new ArgumentException("The token must be 16–64 letters or digits.", nameof(token));
        const string part = "global::ClassicML.Exercises.GradedPart";
        var list = $"__grade_parts_{token}";
        var collect = $"__grade_collect_{token}";
        var tree = CSharpSyntaxTree.ParseText(Source, ScriptParse);
        var root = tree.GetRoot();
        var calls = PartCalls(root).ToList();
        var rewritten = root.ReplaceNodes(calls, (original, _) =>
            SyntaxFactory.InvocationExpression(SyntaxFactory.IdentifierName(collect),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(original.WithoutTrivia()))))
                .WithTriviaFrom(original));
        var prologue = "global::ClassicML.Exercises.Exercise.Strict = false; "
                       + $"global::System.Collections.Generic.List<{part}> {list} = new global::System.Collections.Generic.List<{part}>(); "
                       + $"{part} {collect}({part} p) {{ {list}.Add(p); return p; }} ";
        return prologue + rewritten.ToFullString().TrimEnd() + $"\nglobal::System.Tuple.Create(\"{token}\", {list}.ToArray())";
    }

    [GeneratedRegex("^[A-Za-z0-9]{16,64}$")]
    private static partial Regex TokenShape();

    /// <summary>The <c>global::ClassicML.Exercises.HiddenTest.Part(…)</c> invocations in <paramref name="root"/>.</summary>
    private static IEnumerable<InvocationExpressionSyntax> PartCalls(SyntaxNode root) =>
        root.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(i => Regex.Replace(i.Expression.ToString(), @"\s+", "") == PartMethod);

    private static string FirstLine(string source)
    {
        foreach (var line in source.Split('\n'))
        {
            if (line.Trim().Length > 0) return line.TrimStart().TrimEnd('\r');
        }
        return "";
    }
}
