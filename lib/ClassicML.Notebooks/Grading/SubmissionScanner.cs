using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ClassicML.Notebooks.Documents;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClassicML.Notebooks.Grading;

/// <summary>What the scan of a submission found.</summary>
public enum FindingKind
{
    /// <summary>The student's own code uses a library member an exercise forbids: that exercise scores 0.</summary>
    Forbidden,

    /// <summary>The student's own code uses something no exercise needs and that could attack grading (reported only).</summary>
    Suspicious,

    /// <summary>A <c>#r</c>/<c>#load</c>/<c>#!</c> line the teacher's notebook does not have: it was not run.</summary>
    Directive,
}

/// <summary>One finding of <see cref="SubmissionScanner"/>.</summary>
/// <param name="Kind">What kind of finding.</param>
/// <param name="Cell">The submission's 1-based cell number.</param>
/// <param name="Line">The 1-based line in that cell.</param>
/// <param name="What">The member, type or text found, e.g. <c>ClassicML.Regularization.Penalty.SoftThreshold</c>.</param>
/// <param name="Message">A sentence for the feedback page.</param>
/// <param name="ExerciseId">For <see cref="FindingKind.Forbidden"/>: the exercise whose forbid= list names it.</param>
public sealed record Finding(FindingKind Kind, int Cell, int Line, string What, string Message, string? ExerciseId = null);

/// <summary>
/// Tells the student's own code from the lesson's and scans it with Roslyn. The own code is every code cell that
/// differs from all cells of the lesson's student version (an edited cell, an added cell). The cells are compiled as
/// the kernel would — a chain of script submissions after the teacher's setup cell, referencing ClassicML.dll, the
/// setup cell's NuGet packages (from the local NuGet cache) and the framework — and each name in the own code is
/// resolved with the semantic model, so a forbidden member is found whether written qualified, through
/// <c>using static</c>, an alias, or an extension-method call. Names that do not resolve (a package missing from the
/// cache, code that does not compile) fall back to matching the qualified text (<c>Type.Member</c>).
/// </summary>
/// <remarks>
/// An edited lesson cell counts a forbidden member only where it is used more often than in the lesson cell it is
/// closest to (most lines in common), so a student who touches a cell that demonstrates the library version is not
/// penalised, while one who adds a call anywhere is.
/// </remarks>
public static partial class SubmissionScanner
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<MetadataReference>> s_references = new(StringComparer.Ordinal);

    /// <summary>Which code cells of <paramref name="submission"/> are the student's own (changed from the lesson's student version, or added).</summary>
    public static IReadOnlyList<bool> OwnCells(Notebook submission, GradingLesson lesson)
    {
        // Directive lines do not count: the student bundle's setup cell points its #r at its own copy of ClassicML.dll,
        // and the grader blanks every directive the lesson does not have before running a cell anyway.
        static string Code(string source) => Normalize(StripAllDirectives(source));
        var lessonCells = lesson.StudentVersion.Cells.Where(c => c.Kind == CellKind.Code).Select(c => Code(c.Source)).ToHashSet(StringComparer.Ordinal);
        // A cell that opens like a hidden-test cell is not run by the grader (the teacher's copies are), so it is not scanned.
        return submission.Cells.Select(c => c.Kind == CellKind.Code && !HiddenTestCell.IsHiddenTestCell(c) && !lessonCells.Contains(Code(c.Source))).ToArray();
    }

    /// <summary>
    /// The cell's code with every directive line (<c>#r</c>, <c>#load</c>, <c>#i</c>, <c>#!</c>) that the teacher's notebook
    /// does not hold word for word blanked out (line numbers kept), and those lines.
    /// </summary>
    public static (string Code, IReadOnlyList<(int Line, string Text)> Removed) StripForeignDirectives(string source, GradingLesson lesson)
    {
        var allowed = lesson.Teacher.Cells.Where(c => c.Kind == CellKind.Code)
            .SelectMany(c => c.Source.Split('\n')).Select(l => l.Trim()).Where(IsDirective).ToHashSet(StringComparer.Ordinal);
        var lines = source.Split('\n');
        var removed = new List<(int, string)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var t = lines[i].Trim();
            if (!IsDirective(t) || allowed.Contains(t)) continue;
            removed.Add((i + 1, t));
            lines[i] = "";
        }
        return (string.Join('\n', lines), removed);
    }

    private static bool IsDirective(string trimmed) =>
        trimmed.StartsWith("#r ", StringComparison.Ordinal) || trimmed.StartsWith("#load", StringComparison.Ordinal)
        || trimmed.StartsWith("#i ", StringComparison.Ordinal) || trimmed.StartsWith("#!", StringComparison.Ordinal);

    /// <summary>Scans the student's own code of <paramref name="submission"/> (see the class remarks).</summary>
    public static IReadOnlyList<Finding> Scan(Notebook submission, GradingLesson lesson)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(lesson);
        var own = OwnCells(submission, lesson);
        var findings = new List<Finding>();
        var references = References(lesson);
        // The namespaces the .NET Interactive C# kernel imports into every submission.
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true)
            .WithUsings("System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq");
        var setupTree = CSharpSyntaxTree.ParseText(StripAllDirectives(lesson.Setup.Source), HiddenTestCell.ScriptParse);
        var previous = CSharpCompilation.CreateScriptCompilation("setup", setupTree, references, options);
        if (previous.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
            throw new InvalidOperationException($"the lesson's setup cell does not compile for the scan: {previous.GetDiagnostics().First(d => d.Severity == DiagnosticSeverity.Error)}");
        var forbidden = lesson.HiddenTests.SelectMany(h => h.Forbidden.Select(f => (Exercise: h.ExerciseId, Name: f))).ToList();
        var lessonCode = lesson.StudentVersion.Cells.Where(c => c.Kind == CellKind.Code).ToList();
        // Every cell's tree, its compilation, and whether it is the lesson's (not the student's own).
        var lessonTrees = new Dictionary<SyntaxTree, (CSharpCompilation Compilation, bool Lesson)>();
        for (var i = 0; i < submission.Cells.Count; i++)
        {
            var cell = submission.Cells[i];
            if (cell.Kind != CellKind.Code || HiddenTestCell.IsHiddenTestCell(cell)) continue;
            var (code, removed) = StripForeignDirectives(cell.Source, lesson);
            var tree = CSharpSyntaxTree.ParseText(StripAllDirectives(code), HiddenTestCell.ScriptParse);
            var compilation = CSharpCompilation.CreateScriptCompilation($"cell{i + 1}", tree, references, options, previous);
            // As in the kernel, a cell that does not compile leaves nothing behind: later cells chain to the last good one
            // (Roslyn refuses to chain to a submission with errors).
            lessonTrees[tree] = (compilation, !own[i]);
            if (!compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)) previous = compilation;
            else if (Environment.GetEnvironmentVariable("CLASSICML_GRADE_SCAN_DEBUG") == "1")
                Console.Error.WriteLine($"cell {i + 1}: " + string.Join("; ", compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(3)));
            if (!own[i]) continue;
            foreach (var (line, text) in removed)
                findings.Add(new Finding(FindingKind.Directive, i + 1, line, text,
                    $"the directive '{text}' is not in the lesson and was not run (the grader loads the lesson's own ClassicML and packages)."));
            var model = compilation.GetSemanticModel(tree);
            var uses = Uses(tree.GetRoot(), model).ToList();
            // Forbidden members: count per name, against the closest lesson cell.
            var closest = Closest(cell.Source, lessonCode);
            var closestUses = closest is null ? [] : UsesOf(closest.Source, references).ToList();
            // A cell edited from an exercise's solution cell answers that exercise: only its forbid= list applies there
            // (exercise 2.3's solution is meant to call RidgeRegression, which 2.2 forbids). Other own cells (added, or
            // edited from the lesson's given code) answer no exercise in particular, so every list applies to them.
            var answers = closest is null ? new HashSet<string>() : SolutionIds(closest.Source);
            foreach (var (exercise, name) in forbidden)
            {
                if (answers.Count > 0 && !answers.Contains(exercise)) continue;
                // A call whose result is only shown (compared with the library on screen) cannot reach the hidden tests.
                var hits = uses.Where(u => !u.DisplayOnly && Matches(u, name)).ToList();
                var before = closestUses.Count(u => !u.DisplayOnly && Matches(u, name));
                if (hits.Count > before)
                {
                    findings.Add(new Finding(FindingKind.Forbidden, i + 1, hits[before].Line, name,
                        $"uses {name}, which exercise {exercise} forbids (write it yourself): exercise {exercise} scores 0.", exercise));
                    continue;
                }
                // Through a method the lesson defines that uses the member (the closest lesson cell's own calls of it excepted).
                if (ThroughLessonHelper(uses.Where(u => !u.DisplayOnly).ToList(), name, lessonTrees,
                        helper => closestUses.Count(u => !u.DisplayOnly && (u.Dotted == helper || u.Dotted.EndsWith("." + helper, StringComparison.Ordinal)))) is { } via)
                    findings.Add(new Finding(FindingKind.Forbidden, i + 1, via.Use.Line, name,
                        $"uses {name} through the lesson's {via.Helper}, which exercise {exercise} forbids (write it yourself): exercise {exercise} scores 0.", exercise));
            }
            foreach (var u in uses)
            {
                if (Attack(u) is { } why)
                    findings.Add(new Finding(FindingKind.Suspicious, i + 1, u.Line, u.Display, why));
            }
            foreach (var type in tree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>())
            {
                if (type.Identifier.Text is "HiddenTest" or "Exercise" or "GradedPart" or "CheckResult" or "Tolerance")
                    findings.Add(new Finding(FindingKind.Suspicious, i + 1, LineOf(type), type.Identifier.Text,
                        $"declares its own type '{type.Identifier.Text}', which has the name of a ClassicML.Exercises type; the grader's hidden tests use the library's (global::) and ignore it."));
            }
            foreach (var token in tree.GetRoot().DescendantTokens().Where(t => t.IsKind(SyntaxKind.UnsafeKeyword)))
                findings.Add(new Finding(FindingKind.Suspicious, i + 1, token.GetLocation().GetLineSpan().StartLinePosition.Line + 1, "unsafe", "uses unsafe code (pointers), which no exercise needs."));
        }
        // One finding per (kind, cell, line, what).
        return findings.DistinctBy(f => (f.Kind, f.Cell, f.Line, f.What, f.ExerciseId)).ToList();
    }

    /// <summary>
    /// The first call in the student's code of a method declared in a lesson cell (or in another of the student's own cells) whose body (followed through further
    /// lesson methods, a few levels deep) uses <paramref name="name"/>, beyond the calls of it that
    /// <paramref name="allowed"/> counts (those of the lesson cell the student's cell was edited from); null when there
    /// is none. Only methods are followed: the lesson's variables hold values the student may use (data, reference fits),
    /// while a method can wrap the forbidden member itself.
    /// </summary>
    private static (Use Use, string Helper)? ThroughLessonHelper(IReadOnlyList<Use> uses, string name,
        Dictionary<SyntaxTree, (CSharpCompilation Compilation, bool Lesson)> trees, Func<string, int> allowed)
    {
        var verdicts = new Dictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
        bool Uses(ISymbol symbol, int depth)
        {
            if (verdicts.TryGetValue(symbol, out var known)) return known;
            verdicts[symbol] = false; // recursion guard
            var found = false;
            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                // Lesson methods and the student's own (a helper written in another cell can wrap the member too).
                if (!trees.TryGetValue(reference.SyntaxTree, out var t)) continue;
                var model = t.Compilation.GetSemanticModel(reference.SyntaxTree);
                foreach (var u in SubmissionScanner.Uses(reference.GetSyntax(), model))
                {
                    if (Matches(u, name) || (depth < 4 && u.Symbol is IMethodSymbol && !SymbolEqualityComparer.Default.Equals(u.Symbol, symbol) && Uses(u.Symbol!, depth + 1)))
                    {
                        found = true;
                        break;
                    }
                }
                if (found) break;
            }
            verdicts[symbol] = found;
            return found;
        }
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var u in uses)
        {
            if (u.Symbol is not IMethodSymbol || u.Symbol.DeclaringSyntaxReferences.IsEmpty || !Uses(u.Symbol, 0)) continue;
            var count = seen[u.Symbol.Name] = seen.GetValueOrDefault(u.Symbol.Name) + 1;
            if (count > allowed(u.Symbol.Name)) return (u, u.Symbol.Name);
        }
        return null;
    }

    /// <summary>The ids N.M of the exercises whose solution the student version of a cell holds (its <c>throw</c> lines).</summary>
    private static IReadOnlySet<string> SolutionIds(string studentCell) =>
        SolutionThrow().Matches(studentCell).Select(m => m.Groups["id"].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"NotImplementedException\(\s*""Exercise (?<id>[^""]+)""")]
    private static partial Regex SolutionThrow();

    /// <summary>A name used in the code: what it resolved to (null when it did not) and its dotted text.</summary>
    private sealed record Use(ISymbol? Symbol, ITypeSymbol? Type, string Dotted, string Display, int Line, bool DisplayOnly = false);

    private static IEnumerable<Use> UsesOf(string source, IReadOnlyList<MetadataReference> references)
    {
        var tree = CSharpSyntaxTree.ParseText(StripAllDirectives(source), HiddenTestCell.ScriptParse);
        // The lesson cell's uses are counted by text only (resolution would need its whole chain; the text is enough
        // to see that the lesson itself calls the member there).
        return Uses(tree.GetRoot(), model: null);
    }

    private static IEnumerable<Use> Uses(SyntaxNode root, SemanticModel? model)
    {
        foreach (var node in root.DescendantNodes())
        {
            if (node is not (SimpleNameSyntax or MemberAccessExpressionSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax)) continue;
            // Names that are the right-hand side of a member access or qualified name are covered by their parent.
            if (node is SimpleNameSyntax && node.Parent is MemberAccessExpressionSyntax ma && ma.Name == node) continue;
            if (node is SimpleNameSyntax && node.Parent is QualifiedNameSyntax qn && qn.Right == node) continue;
            if (node is SimpleNameSyntax && node.Parent is AliasQualifiedNameSyntax aq && aq.Name == node) continue;
            ISymbol? symbol = null;
            ITypeSymbol? type = null;
            if (model is not null)
            {
                var info = model.GetSymbolInfo(node);
                symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                if (symbol is IAliasSymbol alias) symbol = alias.Target;
                if (symbol is IMethodSymbol { ReducedFrom: { } reduced }) symbol = reduced;
                if (node is ExpressionSyntax e) type = model.GetTypeInfo(e).Type;
            }
            var dotted = Regex.Replace(node.ToString(), @"\s+|global::|<[^<>]*>", "");
            yield return new Use(symbol, type, dotted, symbol is null ? dotted : FullName(symbol), LineOf(node), DisplayOnly(node));
        }
    }

    /// <summary>
    /// Whether <paramref name="node"/> is the callee of a call whose result is only displayed: the call is a cell's
    /// trailing expression, or (possibly inside an interpolated string) an argument of <c>Console.Write</c>/<c>WriteLine</c>
    /// or <c>display</c> in a statement of its own. Its value then goes to the screen and nowhere else.
    /// </summary>
    private static bool DisplayOnly(SyntaxNode node)
    {
        if (node.Parent is not InvocationExpressionSyntax call || call.Expression != node) return false;
        SyntaxNode current = call;
        while (true)
        {
            var parent = current.Parent;
            switch (parent)
            {
                case ParenthesizedExpressionSyntax or InterpolationSyntax or InterpolatedStringExpressionSyntax:
                    current = parent;
                    continue;
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax shown } }
                    when Regex.Replace(shown.Expression.ToString(), @"\s+|global::|System\.", "") is "Console.WriteLine" or "Console.Write" or "display":
                    return shown.Parent is ExpressionStatementSyntax { Parent: GlobalStatementSyntax };
                case ExpressionStatementSyntax { Parent: GlobalStatementSyntax } statement when statement.SemicolonToken.IsMissing:
                    return current == statement.Expression; // the trailing expression, displayed by the kernel
                default:
                    return false;
            }
        }
    }

    private static int LineOf(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    private static readonly SymbolDisplayFormat s_qualified = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.None,
        memberOptions: SymbolDisplayMemberOptions.IncludeContainingType);

    /// <summary><c>Namespace.Type.Member</c> or <c>Namespace.Type</c> of a symbol.</summary>
    private static string FullName(ISymbol symbol) => symbol switch
    {
        INamedTypeSymbol t => t.OriginalDefinition.ToDisplayString(s_qualified),
        INamespaceSymbol n => n.ToDisplayString(),
        _ when symbol.ContainingType is { } t => t.OriginalDefinition.ToDisplayString(s_qualified) + "." + symbol.Name,
        _ => symbol.Name,
    };

    private static string? TypeName(ISymbol symbol) => symbol switch
    {
        INamedTypeSymbol t => t.OriginalDefinition.ToDisplayString(s_qualified),
        _ => symbol.ContainingType?.OriginalDefinition.ToDisplayString(s_qualified),
    };

    /// <summary>Whether a use is the forbidden <paramref name="name"/> (<c>Ns.Type.Member</c> or <c>Ns.Type</c>).</summary>
    private static bool Matches(Use use, string name)
    {
        if (use.Symbol is { } s and not INamespaceSymbol)
        {
            if (s is ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol) return false;
            // An override (DenseMatrix's Solve) is the member it overrides (Matrix<T>.Solve) too.
            for (var m = s; m is not null; m = m switch { IMethodSymbol x => x.OverriddenMethod, IPropertySymbol x => x.OverriddenProperty, _ => null })
                if (FullName(m) == name || TypeName(m) == name) return true;
            return false;
        }
        // Unresolved: the qualified text ends with the name's last two parts (Type.Member), or is the whole name.
        var parts = name.Split('.');
        var tail = string.Join('.', parts[^Math.Min(2, parts.Length)..]);
        return use.Dotted == name || use.Dotted == tail || use.Dotted.EndsWith("." + tail, StringComparison.Ordinal)
               || use.Dotted.StartsWith(tail + ".", StringComparison.Ordinal) || use.Dotted.StartsWith(name + ".", StringComparison.Ordinal);
    }

    private static readonly (string Prefix, string Why)[] s_attackNamespaces =
    [
        ("System.Reflection", "uses reflection (System.Reflection), which no exercise needs and which can reach into the grader"),
        ("System.Runtime.Loader", "uses AssemblyLoadContext (System.Runtime.Loader), which no exercise needs"),
        ("System.Runtime.InteropServices", "uses System.Runtime.InteropServices (raw memory, native code), which no exercise needs"),
        ("Microsoft.DotNet.Interactive", "uses the notebook kernel's own API (Microsoft.DotNet.Interactive), which no exercise needs"),
        ("ClassicML.Notebooks", "uses the course toolchain's own code (ClassicML.Notebooks), which no exercise needs"),
    ];

    private static readonly Dictionary<string, string> s_attackMembers = new(StringComparer.Ordinal)
    {
        ["System.Environment.Exit"] = "ends the process (Environment.Exit): hidden tests that never ran earn nothing",
        ["System.Environment.FailFast"] = "ends the process (Environment.FailFast): hidden tests that never ran earn nothing",
        ["System.Console.SetOut"] = "replaces the console output (Console.SetOut), which no exercise needs",
        ["System.Console.SetError"] = "replaces the console error stream (Console.SetError), which no exercise needs",
        ["System.Console.SetIn"] = "replaces the console input (Console.SetIn), which no exercise needs",
        ["System.Console.OpenStandardOutput"] = "writes to the process's raw output (Console.OpenStandardOutput), which no exercise needs",
        ["System.Console.OpenStandardError"] = "writes to the process's raw error stream (Console.OpenStandardError), which no exercise needs",
        ["System.Console.OpenStandardInput"] = "reads the process's raw input (Console.OpenStandardInput), which no exercise needs",
        ["System.Diagnostics.Process"] = "starts or inspects processes (System.Diagnostics.Process), which no exercise needs",
        ["System.AppDomain"] = "uses AppDomain, which no exercise needs",
        ["System.Activator"] = "creates objects by name (Activator), which no exercise needs",
        ["System.Type.GetType"] = "looks types up by name (Type.GetType), which no exercise needs",
        ["System.Type.InvokeMember"] = "calls members by name (Type.InvokeMember), which no exercise needs",
        ["ClassicML.Exercises.HiddenTest"] = "calls the hidden-test API (ClassicML.Exercises.HiddenTest) itself; the grader counts only the teacher's hidden tests",
        ["ClassicML.Exercises.Exercise.Strict"] = "changes Exercise.Strict; the grader switches it off inside its hidden tests, so this changes nothing",
    };

    // Unresolved names: the qualified text of the attack members above.
    private static readonly string[] s_attackTails =
    [
        "Environment.Exit", "Environment.FailFast", "Console.SetOut", "Console.SetError", "Console.OpenStandardOutput",
        "Process.Start", "Process.GetCurrentProcess", "AppDomain.CurrentDomain", "HiddenTest.Part", "HiddenTest.Results", "Exercise.Strict",
        "AssemblyLoadContext", "BindingFlags", "Activator.CreateInstance",
    ];

    /// <summary>Why a use attacks grading, or null.</summary>
    private static string? Attack(Use use)
    {
        if (use.Symbol is { } s)
        {
            if (s is ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol or IDiscardSymbol) return null;
            var ns = (s as INamespaceSymbol)?.ToDisplayString() ?? (s as ITypeSymbol ?? s.ContainingType)?.ContainingNamespace?.ToDisplayString() ?? "";
            foreach (var (prefix, why) in s_attackNamespaces)
                if (ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal)) return why + ".";
            if (s_attackMembers.TryGetValue(FullName(s), out var member)) return member + ".";
            if (TypeName(s) is { } t && s_attackMembers.TryGetValue(t, out var type)) return type + ".";
            if (use.Type is { } ty && ty.ContainingNamespace?.ToDisplayString() is { } tns
                && (tns == "System.Reflection" || tns.StartsWith("System.Reflection.", StringComparison.Ordinal)))
                return s_attackNamespaces[0].Why + ".";
            return null;
        }
        foreach (var tail in s_attackTails)
            if (use.Dotted == tail || use.Dotted.EndsWith("." + tail, StringComparison.Ordinal) || use.Dotted.StartsWith(tail + ".", StringComparison.Ordinal))
                return $"uses {tail}, which no exercise needs and which can attack grading.";
        foreach (var (prefix, why) in s_attackNamespaces)
            if (use.Dotted.StartsWith(prefix, StringComparison.Ordinal)) return why + ".";
        return null;
    }

    /// <summary>The lesson cell with the most (trimmed, non-empty) lines in common with <paramref name="source"/>.</summary>
    private static Cell? Closest(string source, IReadOnlyList<Cell> lessonCells)
    {
        var lines = Lines(source);
        Cell? best = null;
        var bestCount = 0;
        foreach (var c in lessonCells)
        {
            var common = Lines(c.Source).Count(lines.Contains);
            if (common > bestCount)
            {
                best = c;
                bestCount = common;
            }
        }
        return best;
    }

    private static HashSet<string> Lines(string source) =>
        source.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l != "{" && l != "}").ToHashSet(StringComparer.Ordinal);

    /// <summary>The cell's text with trailing spaces, line-ending differences and blank lines ignored.</summary>
    internal static string Normalize(string source) =>
        string.Join('\n', source.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0));

    private static string StripAllDirectives(string source) =>
        string.Join('\n', source.Split('\n').Select(l => IsDirective(l.Trim()) ? "" : l));

    /// <summary>
    /// What the cells compile against: the framework (this process's trusted platform assemblies), ClassicML.dll as the
    /// lesson's setup cell references it, and the DLLs of the setup cell's <c>#r "nuget: Name, Version"</c> packages found
    /// in the local NuGet cache (the kernel restored them there when the lesson last ran).
    /// </summary>
    internal static IReadOnlyList<MetadataReference> References(GradingLesson lesson) =>
        s_references.GetOrAdd(lesson.Path, _ =>
        {
            var paths = new List<string>();
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string tpa)
                paths.AddRange(tpa.Split(Path.PathSeparator).Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                                                                         || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll"));
            var folder = Path.GetDirectoryName(lesson.Path)!;
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (Match m in ReferenceLine().Matches(lesson.Setup.Source))
            {
                var target = m.Groups["ref"].Value.Trim();
                if (target.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                {
                    var parts = target["nuget:".Length..].Split(',', StringSplitOptions.TrimEntries);
                    if (parts.Length == 2 && PackageLibFolder(Path.Combine(cache, parts[0].ToLowerInvariant(), parts[1])) is { } lib)
                        paths.AddRange(Directory.GetFiles(lib, "*.dll"));
                }
                else
                {
                    var dll = Path.GetFullPath(Path.Combine(folder, target));
                    if (File.Exists(dll)) paths.Add(dll);
                }
            }
            return paths.Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
        });

    /// <summary>The package's lib/&lt;tfm&gt; folder best suited to this runtime, or null.</summary>
    private static string? PackageLibFolder(string packageFolder)
    {
        var lib = Path.Combine(packageFolder, "lib");
        if (!Directory.Exists(lib)) return null;
        var folders = Directory.GetDirectories(lib).Select(Path.GetFileName).OfType<string>().ToList();
        foreach (var tfm in new[] { "net10.0", "net9.0", "net8.0", "net7.0", "net6.0", "net5.0", "netstandard2.1", "netstandard2.0" })
            if (folders.Contains(tfm)) return Path.Combine(lib, tfm);
        return null;
    }

    [GeneratedRegex("""(?m)^\s*#r\s+"(?<ref>[^"]*)"\s*$""")]
    private static partial Regex ReferenceLine();
}
