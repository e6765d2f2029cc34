using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace ClassicML.Notebooks.Rendering;

/// <summary>
/// The third-party files the site ships (KaTeX's script, stylesheet and fonts; Noto Sans SC's unicode-range chunks):
/// the npm packages pinned, with their sha512 integrity, by <c>lib/ClassicML.Notebooks/SiteAssets/package-lock.json</c>,
/// kept in <c>artifacts/site-npm/node_modules</c>.
/// </summary>
/// <remarks>
/// When they are not there yet, the first render (or test) fetches the two packages' tarballs from the npm registry
/// itself — <c>$npm_config_registry</c>, else https://registry.npmjs.org/ — checks each against the lock file's sha512,
/// and unpacks it with <see cref="TarReader"/>: the same files <c>npm ci</c> would install, without needing npm (the
/// course asks only for the .NET SDK). A tarball whose hash differs is refused; the folder appears atomically
/// (unpacked beside it, then renamed), so an interrupted fetch leaves nothing half-written.
/// </remarks>
internal sealed class SiteAssets
{
    /// <summary>The KaTeX version the lock file pins; the site's math is typeset by exactly this version.</summary>
    public const string KatexVersion = "0.19.1";

    /// <summary>The Noto Sans SC version the lock file pins.</summary>
    public const string NotoSansScVersion = "5.3.0";

    /// <summary>The environment variable naming the npm registry (npm's own name for the setting).</summary>
    public const string RegistryVariable = "npm_config_registry";

    private const string DefaultRegistry = "https://registry.npmjs.org/";

    // Not cached on failure, so a later render in the same process tries again.
    private static readonly Lazy<SiteAssets> Default = new(() => Locate(null), LazyThreadSafetyMode.PublicationOnly);

    private static readonly object FetchGate = new();

    private SiteAssets(string nodeModules) => NodeModules = nodeModules;

    /// <summary>The <c>node_modules</c> folder holding the packages.</summary>
    public string NodeModules { get; }

    /// <summary>The verified tarballs, laid out like an npm registry (<c>name/-/name-version.tgz</c>).</summary>
    public string TarballFolder => Path.Combine(Path.GetDirectoryName(NodeModules)!, "registry");

    /// <summary>KaTeX's <c>dist</c> folder (katex.min.js, katex.min.css, fonts/).</summary>
    public string KatexDist => Path.Combine(NodeModules, "katex", "dist");

    /// <summary>The Noto Sans SC package folder (400.css, files/*.woff2).</summary>
    public string NotoSansSc => Path.Combine(NodeModules, "@fontsource", "noto-sans-sc");

    /// <summary>The packages of the repository this program runs in, fetched on first use.</summary>
    /// <exception cref="RenderException">They are missing and cannot be fetched, or are not at the pinned versions.</exception>
    public static SiteAssets Installed => Default.Value;

    /// <summary>
    /// The packages under <c>artifacts/site-npm/node_modules</c> of the repository root (<see cref="RepoPaths.FindRoot"/>
    /// from <paramref name="root"/>, or from the current folder and the program's): fetched from
    /// <paramref name="registry"/> (default: <see cref="RegistryVariable"/>, else the public npm registry) when missing,
    /// then checked against the pinned versions.
    /// </summary>
    /// <param name="root">The repository root, or null to find it.</param>
    /// <param name="registry">An npm registry URL, or a local folder laid out like one (<c>name/-/file.tgz</c>).</param>
    public static SiteAssets Locate(string? root, string? registry = null)
    {
        var repo = root ?? RepoPaths.FindRoot();
        var nodeModules = Path.Combine(RepoPaths.ArtifactsFolder(repo), "site-npm", "node_modules");
        var assets = new SiteAssets(nodeModules);
        var pins = ReadLock(repo);
        var fromEnvironment = Environment.GetEnvironmentVariable(RegistryVariable);
        var source = registry ?? (string.IsNullOrWhiteSpace(fromEnvironment) ? DefaultRegistry : fromEnvironment);
        foreach (var (package, version, file) in new[]
                 {
                     ("katex", KatexVersion, Path.Combine(assets.KatexDist, "katex.min.js")),
                     ("@fontsource/noto-sans-sc", NotoSansScVersion, Path.Combine(assets.NotoSansSc, "400.css")),
                 })
        {
            if (!File.Exists(file)) assets.Fetch(package, version, pins, source);
            assets.Require(package, version, file);
        }
        return assets;
    }

    /// <summary>package name → sha512 integrity (base64) from the lock file, checking that it pins our versions.</summary>
    private static Dictionary<string, string> ReadLock(string repo)
    {
        var path = Path.Combine(repo, "lib", "ClassicML.Notebooks", "SiteAssets", "package-lock.json");
        if (!File.Exists(path)) throw new RenderException($"The site's lock file {path} is missing; restore it from git.");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var pins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (package, version) in new[] { ("katex", KatexVersion), ("@fontsource/noto-sans-sc", NotoSansScVersion) })
        {
            if (!json.RootElement.GetProperty("packages").TryGetProperty("node_modules/" + package, out var entry)
                || entry.GetProperty("version").GetString() != version
                || entry.GetProperty("integrity").GetString() is not { } integrity
                || !integrity.StartsWith("sha512-", StringComparison.Ordinal))
                throw new RenderException($"{path} does not pin {package} {version} with a sha512 integrity; restore it from git.");
            pins[package] = integrity["sha512-".Length..];
        }
        return pins;
    }

    private void Fetch(string package, string version, Dictionary<string, string> pins, string registry)
    {
        lock (FetchGate)
        {
            var target = Path.Combine(NodeModules, package);
            if (File.Exists(Path.Combine(target, "package.json"))) return; // another caller in this process fetched it
            var tarball = $"{package.Split('/')[^1]}-{version}.tgz";
            var location = registry.Contains("://", StringComparison.Ordinal)
                ? registry.TrimEnd('/') + "/" + package + "/-/" + tarball
                : Path.Combine(registry, package, "-", tarball);
            byte[] bytes;
            try
            {
                if (location.Contains("://", StringComparison.Ordinal))
                {
                    using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
                    bytes = http.GetByteArrayAsync(location).GetAwaiter().GetResult();
                }
                else
                {
                    bytes = File.ReadAllBytes(location);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or UnauthorizedAccessException)
            {
                throw new RenderException($"The site needs the npm package {package} {version}, which is not in {NodeModules} yet, and fetching {location} failed ({e.Message.ReplaceLineEndings(" ")}): check the network, or point {RegistryVariable} at a registry that serves it.");
            }
            var actual = Convert.ToBase64String(SHA512.HashData(bytes));
            if (actual != pins[package])
                throw new RenderException($"{location} does not match the sha512 integrity that package-lock.json pins for {package} {version} (got sha512-{actual}); refusing to use it.");
            // Keep the verified tarball laid out like a registry (artifacts/site-npm/registry/name/-/file.tgz), so another
            // checkout or a test can install from it offline: Locate(root, registry: that folder).
            var kept = Path.Combine(TarballFolder, package, "-", tarball);
            if (!File.Exists(kept))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
                var temporary = kept + ".tmp-" + Guid.NewGuid().ToString("N");
                File.WriteAllBytes(temporary, bytes);
                File.Move(temporary, kept, overwrite: true);
            }
            // Unpack beside the target and rename, so the folder is either complete or absent.
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var staging = target + ".fetch-" + Guid.NewGuid().ToString("N");
            try
            {
                Unpack(bytes, staging);
                Directory.Move(staging, target);
            }
            finally
            {
                if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Writes the regular files under the tarball's <c>package/</c> folder into <paramref name="folder"/>.</summary>
    private static void Unpack(byte[] tgz, string folder)
    {
        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        using var gzip = new GZipStream(new MemoryStream(tgz), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
            var name = entry.Name.Replace('\\', '/');
            var slash = name.IndexOf('/');
            if (slash < 0) continue;
            var path = Path.GetFullPath(Path.Combine(folder, name[(slash + 1)..]));
            if (!path.StartsWith(root, StringComparison.Ordinal)) throw new RenderException($"The tarball entry {entry.Name} points outside its package; refusing it.");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            entry.ExtractToFile(path, overwrite: false);
        }
    }

    private void Require(string package, string version, string file)
    {
        var manifest = Path.Combine(NodeModules, package, "package.json");
        if (!File.Exists(manifest) || !File.Exists(file))
            throw new RenderException($"The site needs the npm package {package} {version} in {NodeModules}, but {Path.GetFileName(file)} is missing there: delete {Path.GetDirectoryName(NodeModules)} and render again to fetch it anew.");
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        var found = json.RootElement.TryGetProperty("version", out var v) ? v.GetString() : null;
        if (found != version)
            throw new RenderException($"{NodeModules} holds {package} {found ?? "(no version)"} but the site pins {version}: delete {Path.GetDirectoryName(NodeModules)} and render again to fetch the pinned one.");
    }
}
