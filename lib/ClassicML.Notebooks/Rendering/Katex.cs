using Jint;
using Jint.Native;
using Jint.Runtime;

namespace ClassicML.Notebooks.Rendering;

/// <summary>
/// Typesets TeX with KaTeX — the library VS Code's notebook markdown uses — by running KaTeX's own
/// <c>katex.min.js</c> in Jint (a JavaScript interpreter for .NET) at render time. The result is KaTeX's HTML
/// (drawn with <c>katex.min.css</c> and KaTeX's fonts, shipped as site assets) plus its MathML for screen readers,
/// so pages need no script to show math and look as the lesson does in VS Code.
/// </summary>
/// <remarks>
/// Options match VS Code's markdown math: <c>throwOnError</c> so an unknown command is an error the build reports
/// rather than red text a reader finds, and KaTeX's default <c>strict: "warn"</c>. One Jint engine is shared and used
/// under a lock (an engine is not thread-safe); loading KaTeX into it takes about a second, each span a few milliseconds.
/// </remarks>
internal static class Katex
{
    private static readonly Lock Gate = new();
    private static Engine? _engine;
    private static JsValue _render = JsValue.Undefined;

    /// <summary>Spans already typeset in this process (a heading or first paragraph is rendered twice per page).</summary>
    private static readonly Dictionary<(string Tex, bool Display), string> Done = new();

    /// <summary>
    /// The HTML KaTeX writes for <paramref name="tex"/>: <c>&lt;span class="katex"&gt;</c> (inline), wrapped in
    /// <c>&lt;span class="katex-display"&gt;</c> when <paramref name="display"/>.
    /// </summary>
    /// <exception cref="RenderException">KaTeX rejects the TeX (its message names the command and position).</exception>
    public static string Render(string tex, bool display)
    {
        ArgumentNullException.ThrowIfNull(tex);
        lock (Gate)
        {
            if (Done.TryGetValue((tex, display), out var cached)) return cached;
            var engine = _engine ??= Load(out _render);
            try
            {
                var html = engine.Invoke(_render, tex, display).AsString();
                Done[(tex, display)] = html;
                return html;
            }
            catch (JavaScriptException e)
            {
                throw new RenderException($"KaTeX cannot typeset ${(display ? "$" : "")}{tex.Trim()}${(display ? "$" : "")}: {e.Message}", snippet: tex);
            }
        }
    }

    private static Engine Load(out JsValue render)
    {
        var script = File.ReadAllText(Path.Combine(SiteAssets.Installed.KatexDist, "katex.min.js"));
        var engine = new Engine(options => options.LimitRecursion(4096));
        // katex.min.js is a UMD bundle: with no module system it sets the global `katex`.
        engine.Execute(script);
        if (engine.GetValue("katex").IsUndefined())
            throw new RenderException($"katex.min.js {SiteAssets.KatexVersion} did not define `katex` when run in Jint.");
        engine.Execute("""
            function __classicmlRender(tex, display) {
              return katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml" });
            }
            """);
        render = engine.GetValue("__classicmlRender");
        return engine;
    }
}
