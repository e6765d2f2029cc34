using System.Text.Json;

namespace ClassicML.Notebooks.Rendering;

/// <summary>
/// The third-party files the site ships (KaTeX's script, stylesheet and fonts; Noto Sans SC's unicode-range chunks),
/// found where the build's <c>InstallSiteAssets</c> target put them: <c>artifacts/site-npm/node_modules</c>, installed
/// by <c>npm ci</c> from <c>lib/ClassicML.Notebooks/SiteAssets/package-lock.json</c>, which pins each package's
/// sha512 integrity (npm refuses a tarball that does not match it).
/// </summary>
internal sealed class SiteAssets
{
    /// <summary>The KaTeX version the lock file pins; the site's math is typeset by exactly this version.</summary>
    public const string KatexVersion = "0.19.1";

    /// <summary>The Noto Sans SC version the lock file pins.</summary>
    public const string NotoSansScVersion = "5.3.0";

    // Not cached on failure, so a render after `dotnet build` in the same process finds the packages.
    private static readonly Lazy<SiteAssets> Default = new(() => Locate(null), LazyThreadSafetyMode.PublicationOnly);

    private SiteAssets(string nodeModules) => NodeModules = nodeModules;

    /// <summary>The <c>node_modules</c> folder holding the packages.</summary>
    public string NodeModules { get; }

    /// <summary>KaTeX's <c>dist</c> folder (katex.min.js, katex.min.css, fonts/).</summary>
    public string KatexDist => Path.Combine(NodeModules, "katex", "dist");

    /// <summary>The Noto Sans SC package folder (400.css, files/*.woff2).</summary>
    public string NotoSansSc => Path.Combine(NodeModules, "@fontsource", "noto-sans-sc");

    /// <summary>The installed packages of the repository this program runs in (located once).</summary>
    /// <exception cref="RenderException">They are not installed, or not at the pinned versions.</exception>
    public static SiteAssets Installed => Default.Value;

    /// <summary>
    /// Finds <c>artifacts/site-npm/node_modules</c> under the repository root (<see cref="RepoPaths.FindRoot"/> from
    /// <paramref name="root"/>, or from the current folder and the program's) and checks the pinned versions.
    /// </summary>
    public static SiteAssets Locate(string? root)
    {
        var repo = root ?? RepoPaths.FindRoot();
        var nodeModules = Path.Combine(RepoPaths.ArtifactsFolder(repo), "site-npm", "node_modules");
        var assets = new SiteAssets(nodeModules);
        assets.Require("katex", KatexVersion, Path.Combine(assets.KatexDist, "katex.min.js"));
        assets.Require("@fontsource/noto-sans-sc", NotoSansScVersion, Path.Combine(assets.NotoSansSc, "400.css"));
        return assets;
    }

    private void Require(string package, string version, string file)
    {
        var manifest = Path.Combine(NodeModules, package, "package.json");
        const string Fix = "build the toolchain once (`dotnet build lib/ClassicML.Notebooks`), which installs the site's npm packages "
            + "with `npm ci` (it needs npm: `apt-get install npm` on Debian)";
        if (!File.Exists(manifest) || !File.Exists(file))
            throw new RenderException($"The site needs the npm package {package} {version} in {NodeModules}, which is missing: {Fix}.");
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        var found = json.RootElement.TryGetProperty("version", out var v) ? v.GetString() : null;
        if (found != version)
            throw new RenderException($"{NodeModules} holds {package} {found ?? "(no version)"} but the site pins {version}: delete {Path.GetDirectoryName(NodeModules)} and {Fix}.");
    }
}
