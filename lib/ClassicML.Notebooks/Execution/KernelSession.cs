using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using ClassicML.Notebooks.Documents;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace ClassicML.Notebooks.Execution;

/// <summary>
/// One notebook's .NET Interactive C# kernel (<see cref="CSharpKernel"/>, hosted in this process) and the cell being
/// run. The kernel compiles and runs the cells, resolves <c>#r "nuget: …"</c> through its PackageManagement (any
/// package, the version honoured), loads a package's kernel extension (Plotly.NET.Interactive's chart formatter) as
/// the dotnet-interactive tool does, captures Console output, and formats values with
/// Microsoft.DotNet.Interactive.Formatting — so outputs are what a student's kernel shows. The session adds the time
/// limit (loop polls + abandoning a cell that will not stop), relative <c>#r</c> paths from the notebook's folder,
/// and error messages that name notebook, cell and line.
/// </summary>
internal sealed partial class KernelSession
{
    private readonly string _notebookName;
    private readonly string _folder;
    private readonly int _id = CellWatchdog.NewSession();
    private readonly CSharpKernel _kernel;
    private readonly object _gate = new();
    private Cell? _current;
    private int _executionCount;

    static KernelSession()
    {
        // What the dotnet-interactive tool sets for its Jupyter front end: values are shown as HTML, plain text beside
        // it only where a type asks for it (strings, the kernel's own messages).
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
    }

    public KernelSession(string notebookName, string folder)
    {
        _notebookName = notebookName;
        _folder = folder;
        _kernel = new CSharpKernel()
            .UseNugetDirective(LoadPackageExtensionsAsync, forceRestore: false)
            .UseKernelHelpers()
            .UseValueSharing();
        // The loop polls call into this assembly.
        _kernel.AddAssemblyReferences([typeof(CellWatchdog).Assembly.Location]);
        _kernel.KernelEvents.Subscribe(new EventObserver(this));
        CellConsole.Register(_id, (stream, text) =>
        {
            lock (_gate)
            {
                if (_current is { } cell) AppendStream(cell, stream, text);
            }
        });
    }

    /// <summary>True when a cell's code would not stop and was left running; the session is unusable.</summary>
    public bool Abandoned { get; private set; }

    /// <summary>The object the last cell returned (its trailing expression), or null; the grader reads hidden tests' results here.</summary>
    internal object? LastReturnValue { get; private set; }

    /// <summary>Runs <paramref name="cell"/> and fills its outputs.</summary>
    public CellRunResult RunCell(Cell cell, int cellNumber, int executionCount, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        _executionCount = executionCount;
        string Where(int? line) => line is null ? $"{_notebookName}: cell {cellNumber}" : $"{_notebookName}: cell {cellNumber}, line {line}";

        CellRunResult Fail(string ename, string message, IEnumerable<string>? detail = null, bool timedOut = false)
        {
            lock (_gate) cell.Outputs.Add(new ErrorOutput(ename, message, [message, .. detail ?? []]));
            return new CellRunResult(cellNumber, false, clock.Elapsed, message, timedOut);
        }

        if (cell.KernelName != Cell.CSharpKernel)
            return Fail("KernelNotSupported", $"{Where(null)}: the '{cell.KernelName}' kernel is not supported; this runner runs C# cells (#!csharp) only.");

        var code = LoopInstrumenter.Instrument(WithAbsoluteReferencePaths(cell.Source), _id);
        CellWatchdog.Reset(_id);
        NameSubmission(cellNumber);
        lock (_gate)
        {
            _current = cell;
            LastReturnValue = null;
        }
        var command = new SubmitCode(code);
        KernelCommandResult? result = null;
        Exception? hostFailure = null;
        // The kernel runs the submission on the thread that sends it until the cell's first await; a thread of our
        // own (large stack, background so a never-ending cell cannot keep the process alive) keeps the caller free
        // to enforce the time limit.
        var thread = new Thread(() =>
        {
            try
            {
                result = _kernel.SendAsync(command).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                hostFailure = e;
            }
        }, maxStackSize: 16 * 1024 * 1024)
        {
            IsBackground = true,
            Name = $"{_notebookName} cell {cellNumber}",
        };
        thread.Start();
        if (!thread.Join(timeout))
        {
            CellWatchdog.Cancel(_id);
            if (!thread.Join(TimeSpan.FromSeconds(2))) Abandoned = true;
            lock (_gate) _current = null;
            var how = Abandoned ? "its code did not stop and was abandoned" : "it was stopped";
            return Fail("TimeoutException", $"{Where(null)}: ran longer than the time limit of {timeout.TotalSeconds:0.#} s; {how}. Later cells were not run.", timedOut: true);
        }
        // Output that a background task of this cell writes later still lands in this cell (see EventObserver).
        if (hostFailure is not null)
            return Fail(hostFailure.GetType().FullName ?? "Exception", $"{Where(null)}: the kernel failed: {hostFailure.Message}", Lines(hostFailure.ToString()));

        var events = result!.Events;
        // Only this command's own events: the value its trailing expression produced.
        LastReturnValue = events.OfType<ReturnValueProduced>().LastOrDefault()?.Value;
        if (events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
        {
            var errors = events.OfType<DiagnosticsProduced>().SelectMany(d => d.Diagnostics)
                .Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                var lines = errors.Select(d => $"{Where(d.LinePositionSpan.Start.Line + 1)}: {d.Code}: {d.Message}").ToArray();
                return Fail("CompilationError", lines[0], lines.Skip(1));
            }
            if (failed.Exception is { } thrown)
            {
                var e = Unwrap(thrown);
                if (e is OperationCanceledException && e.Message.Contains("time limit", StringComparison.Ordinal))
                    return Fail("TimeoutException", $"{Where(null)}: ran longer than the time limit of {timeout.TotalSeconds:0.#} s; it was stopped. Later cells were not run.", timedOut: true);
                var (line, origin) = Locate(e, cellNumber);
                return Fail(e.GetType().FullName ?? e.GetType().Name, $"{Where(line)}: {e.GetType().Name}: {e.Message}{origin}", Traceback(e));
            }
            // Directive and package errors come as a message only, e.g. "(1,1): error DNI201: …" or a NuGet failure.
            var message = failed.Message.Trim();
            var m = DiagnosticLine().Match(message);
            return m.Success
                ? Fail("CompilationError", $"{Where(int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture))}: {m.Groups["rest"].Value}")
                : Fail("KernelError", $"{Where(null)}: {message}");
        }
        return new CellRunResult(cellNumber, true, clock.Elapsed, null);
    }

    private static readonly FieldInfo? s_scriptOptions =
        typeof(CSharpKernel).GetField("_scriptOptions", BindingFlags.NonPublic | BindingFlags.Instance);

    /// <summary>
    /// Gives the next submission a file name (<c>&lt;notebook&gt;@cellN.csx</c>) and debug information, so a runtime
    /// exception's stack frames carry the cell and line. The kernel keeps its script options in a private field; when
    /// a kernel version renames it, errors simply lose their line (RunnerTests notices).
    /// </summary>
    private void NameSubmission(int cellNumber)
    {
        if (s_scriptOptions?.GetValue(_kernel) is not Microsoft.CodeAnalysis.Scripting.ScriptOptions options) return;
        var file = Path.Combine(_folder, $"{Path.GetFileNameWithoutExtension(_notebookName)}@cell{cellNumber}.csx");
        s_scriptOptions.SetValue(_kernel, options.WithFilePath(file).WithEmitDebugInformation(true).WithFileEncoding(System.Text.Encoding.UTF8));
    }

    /// <summary>Leaves the kernel to the garbage collector, unless a cell is still running on it.</summary>
    public void Close()
    {
        CellWatchdog.Reset(_id);
        CellConsole.Unregister(_id);
        // Output that arrives later (a task the notebook left running) is dropped, so saving the notebook is safe.
        lock (_gate) _current = null;
        if (!Abandoned) _kernel.Dispose();
    }

    [GeneratedRegex(@"^\((?<line>\d+),\d+\):\s*(?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex DiagnosticLine();

    [GeneratedRegex("""^(?<lead>\s*#r\s+")(?<path>[^"]+)(?<tail>"\s*)$""", RegexOptions.Multiline)]
    private static partial Regex PathReference();

    /// <summary>
    /// <c>#r "relative.dll"</c> made absolute against the notebook's folder: the kernel resolves paths from its working
    /// directory, which in Jupyter and VS Code is the notebook's folder, while this process may run anywhere.
    /// </summary>
    private string WithAbsoluteReferencePaths(string code) =>
        PathReference().Replace(code, m =>
        {
            var path = m.Groups["path"].Value;
            if (path.Contains(':', StringComparison.Ordinal) && !Path.IsPathRooted(path)) return m.Value; // nuget:, other schemes
            if (Path.IsPathRooted(path)) return m.Value;
            return m.Groups["lead"].Value + Path.GetFullPath(Path.Combine(_folder, path)) + m.Groups["tail"].Value;
        });

    /// <summary>
    /// What the dotnet-interactive tool does when a package is added: every assembly of the package that references
    /// Microsoft.DotNet.Interactive is searched for <see cref="IKernelExtension"/> types, each is started, and the kernel
    /// says "Loading extensions from `path`" (Plotly.NET.Interactive registers its chart formatter this way).
    /// </summary>
    private static async Task LoadPackageExtensionsAsync(CSharpKernel kernel, IReadOnlyList<ResolvedPackageReference> packages)
    {
        foreach (var dll in packages.SelectMany(p => p.AssemblyPaths))
        {
            AssemblyName[] references;
            try
            {
                references = ReferencedAssemblies(dll);
            }
            catch (BadImageFormatException)
            {
                continue;
            }
            if (!references.Any(r => r.Name == "Microsoft.DotNet.Interactive")) continue;
            var extensions = Assembly.LoadFrom(dll).GetExportedTypes()
                .Where(t => typeof(IKernelExtension).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
                .ToList();
            if (extensions.Count == 0) continue;
            if (KernelInvocationContext.Current is { } context)
                KernelInvocationContextExtensions.Display(context, $"Loading extensions from `{dll}`", PlainTextFormatter.MimeType);
            foreach (var type in extensions)
                await ((IKernelExtension)Activator.CreateInstance(type)!).OnLoadAsync(kernel);
        }
    }

    /// <summary>The assemblies <paramref name="path"/> references, read from its metadata without loading it.</summary>
    private static AssemblyName[] ReferencedAssemblies(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        if (!pe.HasMetadata) return [];
        var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        return reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h).GetAssemblyName()).ToArray();
    }

    private void OnEvent(KernelEvent e)
    {
        lock (_gate)
        {
            if (_current is not { } cell) return;
            switch (e)
            {
                case StandardOutputValueProduced o:
                    AppendStream(cell, "stdout", PlainText(o));
                    break;
                case StandardErrorValueProduced o:
                    AppendStream(cell, "stderr", PlainText(o));
                    break;
                case ReturnValueProduced r:
                    cell.Outputs.Add(new ExecuteResultOutput(Bundle(r.FormattedValues), _executionCount));
                    break;
                case DisplayedValueUpdated u:
                    {
                        var index = cell.Outputs.FindIndex(x => x is DisplayDataOutput { TransientValueId: { } id } && id == u.ValueId);
                        var replacement = Displayed(u);
                        if (index >= 0) cell.Outputs[index] = replacement;
                        else cell.Outputs.Add(replacement);
                        break;
                    }
                case DisplayedValueProduced d:
                    cell.Outputs.Add(Displayed(d));
                    break;
                case DiagnosticsProduced p when p.Diagnostics.Any(x => x.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Warning):
                    // The tool's Jupyter front end writes a submission's compiler warnings to stderr, each as
                    // "warning CSxxxx: message" after an empty line (measured: lesson 05 shows CS1701 that way).
                    AppendStream(cell, "stderr", "\n" + string.Join("\n\n", p.Diagnostics
                        .Where(x => x.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
                        .Select(x => $"warning {x.Code}: {x.Message}")) + "\n\n");
                    break;
            }
        }
    }

    private static DisplayDataOutput Displayed(DisplayEvent d)
    {
        var output = new DisplayDataOutput(Bundle(d.FormattedValues));
        if (d.ValueId is { } id) output.TransientValueId = id;
        return output;
    }

    private static void AppendStream(Cell cell, string name, string text)
    {
        if (text.Length == 0) return;
        if (cell.Outputs.Count > 0 && cell.Outputs[^1] is StreamOutput last && last.Name == name) last.Append(text);
        else cell.Outputs.Add(new StreamOutput(name, text));
    }

    private static string PlainText(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value
        ?? e.FormattedValues.FirstOrDefault()?.Value ?? "";

    private static MimeBundle Bundle(IEnumerable<FormattedValue> values) =>
        new(values.Where(v => !v.SuppressDisplay).Select(v => new MimeValue(v.MimeType, v.Value)));

    private static Exception Unwrap(Exception e)
    {
        while (true)
        {
            if (e is TargetInvocationException { InnerException: { } inner }) e = inner;
            else if (e is AggregateException { InnerExceptions.Count: 1 } agg) e = agg.InnerExceptions[0];
            else return e;
        }
    }

    [GeneratedRegex(@"@cell(?<n>\d+)\.csx$")]
    private static partial Regex CellFileName();

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

    // Frames read "in <folder>/<notebook>@cellN.csx:line L"; the folder only makes outputs machine-specific.
    private IEnumerable<string> Traceback(Exception e) =>
        Lines(e.ToString().Replace(_folder + Path.DirectorySeparatorChar, "", StringComparison.Ordinal))
            .Where(l => !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal)
                        && !l.Contains("Microsoft.DotNet.Interactive", StringComparison.Ordinal)
                        && !l.Contains("System.Runtime.CompilerServices", StringComparison.Ordinal)
                        && !l.Contains("System.Runtime.ExceptionServices", StringComparison.Ordinal)
                        && !l.Contains("--- End of stack trace", StringComparison.Ordinal));

    private static IEnumerable<string> Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r'));

    private sealed class EventObserver(KernelSession session) : IObserver<KernelEvent>
    {
        public void OnCompleted() { }

        public void OnError(Exception error) { }

        public void OnNext(KernelEvent value) => session.OnEvent(value);
    }
}
