using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using ClassicML.Notebooks.Documents;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;

namespace ClassicML.Notebooks.Execution;

/// <summary>
/// Runs a notebook headlessly, as Polyglot Notebooks' C# kernel would: code cells in order in one Roslyn
/// script state, the value of a cell's last expression as an execute_result, <c>display(x)</c> as display_data,
/// Console text as stream outputs, and failures as error outputs naming notebook, cell and line.
/// </summary>
public static partial class NotebookRunner
{
    /// <summary>The namespaces every cell sees, as in the C# kernel.</summary>
    public static IReadOnlyList<string> DefaultImports { get; } =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    /// <summary>The environment variable that makes exercise checks throw on a wrong answer.</summary>
    public const string StrictExercisesVariable = "CLASSICML_EXERCISES_STRICT";

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_frameworkReferences = new(LoadFrameworkReferences);

    [GeneratedRegex(@"@cell(?<n>\d+)\.csx$")]
    private static partial Regex CellFileName();

    /// <summary>Reads the notebook at <paramref name="path"/> and runs it (see <see cref="Run(Notebook, string, RunOptions?)"/>).</summary>
    public static RunResult RunFile(string path, RunOptions? options = null) => Run(NotebookFile.Load(path), path, options);

    /// <summary>
    /// Runs <paramref name="notebook"/>'s code cells and returns a copy holding their outputs. The notebook's
    /// own outputs are not touched. <paramref name="notebookPath"/> names the notebook in messages and is the
    /// folder relative <c>#r</c> paths start from (it need not exist).
    /// </summary>
    public static RunResult Run(Notebook notebook, string notebookPath, RunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentException.ThrowIfNullOrWhiteSpace(notebookPath);
        options ??= new RunOptions();
        if (options.CellTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), options.CellTimeout, "CellTimeout must be positive, e.g. 60 seconds.");

        var executed = notebook.CloneWithoutOutputs();
        var fullPath = Path.GetFullPath(notebookPath);
        ConsoleRouter.Install();
        // Formatting builds its formatter tables on first use (about a second); do it while the first cell compiles.
        ThreadPool.UnsafeQueueUserWorkItem(static _ => ValueFormatter.Warm(), null);
        var session = new Session(Path.GetFileName(fullPath), Path.GetDirectoryName(fullPath)!);
        var results = new List<CellRunResult>();
        var skipped = false;
        var clock = Stopwatch.StartNew();
        var strictBefore = Environment.GetEnvironmentVariable(StrictExercisesVariable);
        if (options.StrictExercises) Environment.SetEnvironmentVariable(StrictExercisesVariable, "1");
        try
        {
            var executionCount = 0;
            var stop = false;
            for (var i = 0; i < executed.Cells.Count; i++)
            {
                var cell = executed.Cells[i];
                if (cell.Kind != CellKind.Code) continue;
                if (stop)
                {
                    skipped = true;
                    break;
                }
                cell.ExecutionCount = ++executionCount;
                var result = session.RunCell(cell, i + 1, executionCount, options.CellTimeout);
                results.Add(result);
                options.OnCellFinished?.Invoke(result);
                if (!result.Succeeded && (!options.ContinueOnError || result.TimedOut || session.Abandoned)) stop = true;
            }
        }
        finally
        {
            if (options.StrictExercises) Environment.SetEnvironmentVariable(StrictExercisesVariable, strictBefore);
            if (!session.Abandoned) session.Dispose();
        }
        return new RunResult(executed, results, clock.Elapsed) { Skipped = skipped };
    }

    private static ImmutableArray<MetadataReference> LoadFrameworkReferences()
    {
        // The shared framework's assemblies, as the C# kernel referenced them; plus this tool (globals, watchdog).
        var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var refs = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var path in tpa)
        {
            if (!string.Equals(Path.GetDirectoryName(path), runtimeDir, StringComparison.Ordinal)) continue;
            var file = Path.GetFileName(path);
            if (!(file.StartsWith("System.", StringComparison.Ordinal) || file is "mscorlib.dll" or "netstandard.dll" or "Microsoft.CSharp.dll" or "Microsoft.Win32.Primitives.dll")) continue;
            if (!IsManaged(path)) continue;
            refs.Add(MetadataReference.CreateFromFile(path));
        }
        refs.Add(MetadataReference.CreateFromFile(typeof(NotebookRunner).Assembly.Location));
        return refs.ToImmutable();
    }

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    /// <summary>One notebook's script state and the cell being run.</summary>
    private sealed class Session(string notebookName, string folder) : IDisposable
    {
        private readonly InteractiveAssemblyLoader _loader = new();
        private readonly ScriptGlobals _globals = new();
        private readonly ScriptOptions _options = ScriptOptions.Default
            .WithReferences(s_frameworkReferences.Value)
            .WithImports(DefaultImports)
            .WithMetadataResolver(new NotebookReferences.Resolver(folder))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(folder))
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithOptimizationLevel(OptimizationLevel.Release);
        private ScriptState<object>? _state;

        /// <summary>True when a cell's thread would not stop and was left behind; the session is unusable.</summary>
        public bool Abandoned { get; private set; }

        public CellRunResult RunCell(Cell cell, int cellNumber, int executionCount, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            var context = new CellContext(cell);
            string Where(int? line) => line is null ? $"{notebookName}: cell {cellNumber}" : $"{notebookName}: cell {cellNumber}, line {line}";

            CellRunResult Fail(string ename, string message, IEnumerable<string>? detail = null, bool timedOut = false)
            {
                cell.Outputs.Add(new ErrorOutput(ename, message, [message, .. detail ?? []]));
                return new CellRunResult(cellNumber, false, clock.Elapsed, message, timedOut);
            }

            if (cell.KernelName != Cell.CSharpKernel)
                return Fail("KernelNotSupported", $"{Where(null)}: the '{cell.KernelName}' kernel is not supported; this runner runs C# cells (#!csharp) only.");

            foreach (var directive in NotebookReferences.FindDirectives(cell.Source))
            {
                string? problem;
                try
                {
                    problem = NotebookReferences.Check(directive, folder);
                }
                catch (Exception e) when (e is BadImageFormatException or FileLoadException)
                {
                    problem = $"'{directive.Reference}' could not be loaded: {e.Message}";
                }
                if (problem is not null) return Fail("ReferenceError", $"{Where(directive.Line)}: {problem}");
            }

            var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script);
            var code = LoopInstrumenter.Instrument(cell.Source, parseOptions);
            // A file name per cell puts "@cellN.csx:line L" into stack traces, which is how runtime errors find their line.
            var options = _options.WithFilePath(Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(notebookName)}@cell{cellNumber}.csx"));

            ScriptState<object>? next = null;
            Exception? failure = null;
            using var cancel = new CancellationTokenSource();
            var thread = new Thread(() =>
            {
                CellContext.Current = context;
                try
                {
                    var task = _state is null
                        ? CSharpScript.Create(code, options, typeof(ScriptGlobals), _loader).RunAsync(_globals, _ => true, cancel.Token)
                        : _state.ContinueWithAsync(code, options, _ => true, cancel.Token);
                    next = task.GetAwaiter().GetResult();
                }
                catch (Exception e)
                {
                    failure = e;
                }
            }, maxStackSize: 16 * 1024 * 1024)
            {
                IsBackground = true, // a cell that never stops must not keep the process alive
                Name = $"{notebookName} cell {cellNumber}",
            };
            thread.Start();
            var timedOut = false;
            if (!thread.Join(timeout))
            {
                timedOut = true;
                context.Cancel();
                cancel.Cancel();
                if (!thread.Join(TimeSpan.FromSeconds(2))) Abandoned = true;
            }

            if (timedOut)
            {
                var how = Abandoned ? "its thread did not stop and was abandoned" : "it was stopped";
                return Fail("TimeoutException", $"{Where(null)}: ran longer than the time limit of {timeout.TotalSeconds:0.#} s; {how}. Later cells were not run.", timedOut: true);
            }
            if (failure is CompilationErrorException compile)
            {
                var errors = compile.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
                var first = errors.FirstOrDefault() ?? compile.Diagnostics.First();
                var lines = errors.Select(d => $"{Where(LineOf(d))}: {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}").ToArray();
                return Fail("CompilationError", lines.Length > 0 ? lines[0] : $"{Where(LineOf(first))}: {first.GetMessage()}", lines.Skip(1));
            }
            if (failure is not null)
                return Fail(failure.GetType().FullName ?? "Exception", $"{Where(null)}: the runner failed: {failure.Message}", Lines(failure.ToString()));

            _state = next!;
            if (next!.Exception is { } thrown)
            {
                var e = Unwrap(thrown);
                var (line, origin) = Locate(e, cellNumber);
                var message = $"{Where(line)}: {e.GetType().Name}: {e.Message}{origin}";
                return Fail(e.GetType().FullName ?? e.GetType().Name, message, Traceback(e));
            }

            if (HasValue(next.Script) && next.ReturnValue is not DisplayedValue)
            {
                try
                {
                    context.Add(new ExecuteResultOutput(ValueFormatter.Format(next.ReturnValue), executionCount));
                }
                catch (Exception e)
                {
                    return Fail(e.GetType().FullName ?? "Exception", $"{Where(null)}: the cell's value could not be formatted: {e.Message}", Traceback(e));
                }
            }
            return new CellRunResult(cellNumber, true, clock.Elapsed, null);
        }

        /// <summary>True when the cell ends in an expression without a semicolon whose type is not void (what the kernel shows).</summary>
        private static bool HasValue(Script script)
        {
            var compilation = script.GetCompilation();
            var tree = compilation.SyntaxTrees.LastOrDefault();
            if (tree?.GetRoot() is not Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax unit) return false;
            if (unit.Members.LastOrDefault() is not Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax
                {
                    Statement: Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement,
                }) return false;
            var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
            return type is not null && type.SpecialType != SpecialType.System_Void;
        }

        private static int? LineOf(Diagnostic d) =>
            d.Location.IsInSource ? d.Location.GetLineSpan().StartLinePosition.Line + 1 : null;

        private static Exception Unwrap(Exception e)
        {
            while (true)
            {
                if (e is TargetInvocationException { InnerException: { } inner }) e = inner;
                else if (e is AggregateException { InnerExceptions.Count: 1 } agg) e = agg.InnerExceptions[0];
                else return e;
            }
        }

        /// <summary>The line in this cell where the exception passed, and where it started when that was another cell.</summary>
        private static (int? Line, string Origin) Locate(Exception e, int cellNumber)
        {
            int? line = null;
            (int Cell, int Line)? innermost = null;
            foreach (var frame in new StackTrace(e, fNeedFileInfo: true).GetFrames())
            {
                var file = frame.GetFileName();
                if (file is null) continue;
                var m = CellFileName().Match(file);
                if (!m.Success || frame.GetFileLineNumber() <= 0) continue;
                var n = int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
                innermost ??= (n, frame.GetFileLineNumber());
                if (n == cellNumber) line ??= frame.GetFileLineNumber();
            }
            var origin = innermost is { } i && i.Cell != cellNumber ? $" (thrown in cell {i.Cell}, line {i.Line})" : "";
            return (line ?? (innermost?.Cell == cellNumber ? innermost?.Line : null), origin);
        }

        // Script frames read "in <folder>/<notebook>@cellN.csx:line L"; the folder only makes outputs machine-specific.
        private IEnumerable<string> Traceback(Exception e) =>
            Lines(e.ToString().Replace(folder + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)).Where(l => !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal)
                                          && !l.Contains("System.Runtime.CompilerServices", StringComparison.Ordinal)
                                          && !l.Contains("System.Runtime.ExceptionServices", StringComparison.Ordinal)
                                          && !l.Contains("--- End of stack trace", StringComparison.Ordinal));

        private static IEnumerable<string> Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r'));

        public void Dispose() => _loader.Dispose();
    }
}
