using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace ClassicML.Notebooks.Execution;

/// <summary>
/// Resolves a notebook's <c>#r</c> directives: <c>#r "nuget: Name, Version"</c> maps to the assemblies this tool
/// ships (it cannot download packages), and <c>#r "path.dll"</c> is resolved from the notebook's folder and loaded
/// into the default load context, so the DLL's own references (MathNet.Numerics, Plotly.NET) bind to the very
/// assemblies the runner and the notebook use.
/// </summary>
public static partial class NotebookReferences
{
    /// <summary>
    /// The NuGet packages a notebook may reference, each with the assembly that stands for it (Roslyn takes one
    /// assembly per directive; their own dependencies, such as FSharp.Core, are found as missing assemblies).
    /// </summary>
    public static IReadOnlyDictionary<string, Assembly> SupportedPackages { get; } =
        new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase)
        {
            ["MathNet.Numerics"] = typeof(MathNet.Numerics.LinearAlgebra.Matrix<>).Assembly,
            ["Plotly.NET"] = typeof(Plotly.NET.GenericChart).Assembly,
            ["Plotly.NET.CSharp"] = typeof(Plotly.NET.CSharp.Chart).Assembly,
        };

    [GeneratedRegex("""^\s*#r\s+"(?<ref>[^"]*)"\s*$""")]
    private static partial Regex ReferenceDirective();

    /// <summary>A <c>#r</c> directive found in a cell.</summary>
    /// <param name="Line">1-based line in the cell.</param>
    /// <param name="Reference">The quoted text (e.g. <c>nuget: MathNet.Numerics, 5.0.0</c> or <c>../x.dll</c>).</param>
    public sealed record Directive(int Line, string Reference);

    /// <summary>The <c>#r</c> directives in <paramref name="code"/>.</summary>
    public static IEnumerable<Directive> FindDirectives(string code)
    {
        var lines = code.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var m = ReferenceDirective().Match(lines[i].TrimEnd('\r'));
            if (m.Success) yield return new Directive(i + 1, m.Groups["ref"].Value);
        }
    }

    /// <summary>
    /// Checks a directive before the compiler sees it; returns a message saying what is wrong and what to do, or
    /// null when it will resolve. Path references are loaded here (see the class summary).
    /// </summary>
    public static string? Check(Directive directive, string notebookFolder)
    {
        ArgumentNullException.ThrowIfNull(directive);
        var reference = directive.Reference.Trim();
        if (TryParseNuget(reference, out var package, out _))
        {
            if (SupportedPackages.ContainsKey(package)) return null;
            return $"the package '{package}' is not available: this runner cannot download packages and ships only "
                   + string.Join(", ", SupportedPackages.Keys) + "; move the code that needs it into lib/ClassicML or use one of those.";
        }
        if (reference.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
            return $"'#r \"{reference}\"' is not a package reference of the form \"nuget: Name, Version\".";
        var path = Path.GetFullPath(Path.Combine(notebookFolder, reference));
        if (!reference.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            return $"'#r \"{reference}\"': only \"nuget: Name, Version\" and paths to .dll files are supported.";
        if (!File.Exists(path))
            return $"the assembly '{path}' does not exist (from '#r \"{reference}\"'); build first: dotnet build";
        LoadIntoDefaultContext(path);
        return null;
    }

    /// <summary>Parses <c>nuget: Name, Version</c> (the version is optional).</summary>
    public static bool TryParseNuget(string reference, out string package, out string? version)
    {
        package = "";
        version = null;
        if (!reference.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase)) return false;
        var parts = reference["nuget:".Length..].Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2 || parts[0].Length == 0) return false;
        package = parts[0];
        version = parts.Length == 2 ? parts[1] : null;
        return true;
    }

    /// <summary>
    /// Loads the assembly at <paramref name="path"/> into the default load context, unless one with the same
    /// name is already there (e.g. a test host that references ClassicML itself), which then stands for it.
    /// </summary>
    internal static Assembly LoadIntoDefaultContext(string path)
    {
        ProbeDependenciesBeside(path);
        var name = AssemblyName.GetAssemblyName(path);
        var loaded = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), name)
                                                                               && a.GetName().Name == name.Name);
        if (loaded is not null) return loaded;
        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        }
        catch (FileNotFoundException)
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> s_probeFolders = new(StringComparer.Ordinal);
    private static int s_resolvingHooked;

    /// <summary>
    /// A DLL loaded by path is not probed for its own dependencies (they are not in the runner's deps.json): remember its
    /// folder, and let the default context look there for any assembly it cannot find itself. The runner's own copies
    /// (MathNet, Plotly.NET) still win, so types stay the same on both sides of the <c>#r</c>.
    /// </summary>
    private static void ProbeDependenciesBeside(string path)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) s_probeFolders.TryAdd(folder, true);
        if (Interlocked.Exchange(ref s_resolvingHooked, 1) == 0)
            AssemblyLoadContext.Default.Resolving += (context, name) =>
            {
                foreach (var folder in s_probeFolders.Keys)
                {
                    var candidate = Path.Combine(folder, name.Name + ".dll");
                    if (File.Exists(candidate)) return context.LoadFromAssemblyPath(candidate);
                }
                return null;
            };
    }

    /// <summary>Maps <c>nuget:</c> references to the shipped assemblies and everything else to the standard script resolver.</summary>
    internal sealed class Resolver(string notebookFolder) : MetadataReferenceResolver
    {
        private readonly ScriptMetadataResolver _files = ScriptMetadataResolver.Default.WithBaseDirectory(notebookFolder);

        public override bool ResolveMissingAssemblies => true;

        public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties)
        {
            if (TryParseNuget(reference.Trim(), out var package, out _))
            {
                return SupportedPackages.TryGetValue(package, out var assembly)
                    ? [MetadataReference.CreateFromFile(assembly.Location, properties)]
                    : [];
            }
            return _files.ResolveReference(reference, baseFilePath, properties);
        }

        /// <summary>
        /// A dependency of a referenced assembly (FSharp.Core for Plotly.NET, …): the copy this process loads,
        /// so compile-time and run-time types agree; else a file beside the referencing assembly.
        /// </summary>
        public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity)
        {
            var loaded = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => a.GetName().Name == referenceIdentity.Name && !a.IsDynamic && a.Location.Length > 0);
            if (loaded is null)
            {
                try
                {
                    loaded = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(referenceIdentity.GetDisplayName()) { Version = null });
                }
                catch (Exception e) when (e is FileNotFoundException or FileLoadException)
                {
                    loaded = null;
                }
            }
            if (loaded is not null && loaded.Location.Length > 0) return MetadataReference.CreateFromFile(loaded.Location);
            if (definition is PortableExecutableReference { FilePath: { } referencing })
            {
                var beside = Path.Combine(Path.GetDirectoryName(referencing)!, referenceIdentity.Name + ".dll");
                if (File.Exists(beside)) return MetadataReference.CreateFromFile(beside);
            }
            return null;
        }

        public override bool Equals(object? other) => other is Resolver r && r._files.Equals(_files);

        public override int GetHashCode() => _files.GetHashCode();
    }
}
