using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace ClassicML.Notebooks.Tests;

/// <summary>
/// Opens every rendered page in Debian's headless Chromium with the network cut off and checks what a
/// reader would see at a 1,280 px wide window: charts drawn, animations playable, math typeset with KaTeX's fonts,
/// Chinese drawn with the shipped font, no code or output cut off, no errors. Saves a full-page
/// screenshot of each page under <c>artifacts/screenshots/</c>.
/// </summary>
[Collection(SiteCollection.Name)]
public class BrowserTests(SiteFixture site)
{
    /// <summary>Where Debian (and the CI script) installs Chromium.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    [SkippableFact]
    public async Task Every_page_draws_its_charts_and_math_offline_without_errors()
    {
        Prerequisites.Require(File.Exists(ChromiumPath)
            ? null
            : $"Chromium is not installed at {ChromiumPath}; install it with `sudo apt-get install chromium`.");
        var screenshots = Path.Combine(TestPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(screenshots);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            // A common laptop window: nothing may be cut off at this width.
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ServiceWorkers = ServiceWorkerPolicy.Block,
        });
        await context.SetOfflineAsync(true);
        var blocked = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file://", StringComparison.Ordinal)) await route.ContinueAsync();
            else
            {
                lock (blocked) blocked.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });

        var problems = new List<string>();
        var pages = Directory.GetFiles(site.Output, "*.html").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(pages);
        foreach (var file in pages)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var page = await context.NewPageAsync();
            var errors = new List<string>();
            page.Console += (_, msg) => { if (msg.Type == "error") lock (errors) errors.Add("console: " + msg.Text); };
            page.PageError += (_, error) => { lock (errors) errors.Add("page error: " + error); };
            page.RequestFailed += (_, request) => { lock (errors) errors.Add("request failed: " + request.Url); };

            await page.GotoAsync(new Uri(file).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            problems.AddRange((await CheckPage(page)).Select(p => $"{name}: {p}"));
            // Back to the top, so the sticky header and contents sit where a reader first sees them.
            await page.EvaluateAsync("window.scrollTo(0, 0)");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, name + ".png"), FullPage = true });
            lock (errors) problems.AddRange(errors.Select(e => $"{name}: {e}"));
            await page.CloseAsync();
        }

        Assert.True(blocked.Count == 0, "Pages tried to reach the network: " + string.Join(", ", blocked));
        Assert.True(problems.Count == 0, "Problems in the rendered site:\n" + string.Join("\n", problems));
    }

    /// <summary>What a reader would notice on one page; empty when all is well.</summary>
    private static async Task<List<string>> CheckPage(IPage page)
    {
        var problems = new List<string>();
        var figures = await page.EvaluateAsync<int>("document.querySelectorAll('.classicml-figure').length");
        if (figures > 0)
        {
            try
            {
                await page.WaitForFunctionAsync(
                    "() => Array.from(document.querySelectorAll('.classicml-figure')).every(d => d.querySelector('.main-svg'))",
                    null, new PageWaitForFunctionOptions { Timeout = 20_000 });
            }
            catch (TimeoutException)
            {
                var undrawn = await page.EvaluateAsync<string[]>(
                    "Array.from(document.querySelectorAll('.classicml-figure')).filter(d => !d.querySelector('.main-svg')).map(d => d.id)");
                problems.Add($"charts not drawn: {string.Join(", ", undrawn)}");
            }
        }

        // Every chart an output script draws (a Figure or Plotly.NET's own HTML) ends up as a plotly.js plot.
        var scripts = await page.EvaluateAsync<int>(
            "Array.from(document.querySelectorAll('.cell-outputs script')).reduce((n, s) => n + (s.textContent.match(/newPlot\\(/g) || []).length, 0)");
        var plots = await page.EvaluateAsync<int>("document.querySelectorAll('.js-plotly-plot .main-svg').length > 0 ? document.querySelectorAll('.js-plotly-plot').length : 0");
        if (plots != scripts) problems.Add($"{scripts} chart script(s) but {plots} drawn plot(s)");

        // Animations: frames were added, there is a slider, and Play moves it.
        var animated = await page.EvaluateAsync<string[]>(
            "Array.from(document.querySelectorAll('.classicml-figure')).filter(d => d._transitionData && d._transitionData._frames && d._transitionData._frames.length > 0).map(d => d.id)");
        var declared = await page.EvaluateAsync<int>(
            "Array.from(document.querySelectorAll('.classicml-figure + script')).filter(s => /\"frames\":\\[\\{/.test(s.textContent)).length");
        if (animated.Length != declared) problems.Add($"{declared} chart(s) declare frames but {animated.Length} have them in plotly.js");
        foreach (var id in animated)
        {
            if (await page.Locator($"#{id} .slider-container").CountAsync() == 0) problems.Add($"animated chart {id} has no slider");
            var play = page.Locator($"#{id} .updatemenu-button").First;
            if (await play.CountAsync() == 0) { problems.Add($"animated chart {id} has no play button"); continue; }
            await play.ScrollIntoViewIfNeededAsync();
            await play.ClickAsync();
            try
            {
                await page.WaitForFunctionAsync(
                    "id => { const s = document.getElementById(id)._fullLayout.sliders; return s && s[0] && s[0].active > 0; }",
                    id, new PageWaitForFunctionOptions { Timeout = 10_000 });
            }
            catch (TimeoutException)
            {
                problems.Add($"pressing Play on {id} did not advance its slider");
            }
        }

        // Math: KaTeX's output has a size and is drawn with KaTeX's own fonts, which loaded from the site's assets.
        var math = await page.EvaluateAsync<MathReport>("""
            async () => {
              await document.fonts.ready;
              const all = Array.from(document.querySelectorAll('.katex'));
              const empty = all.filter(m => { const r = m.getBoundingClientRect(); return !(r.width > 0 && r.height > 0); });
              const faces = Array.from(document.fonts);
              const failed = faces.filter(f => f.status === 'error').map(f => f.family);
              const katexLoaded = faces.some(f => f.family.startsWith('KaTeX') && f.status === 'loaded');
              const text = document.body.innerText;
              const cjk = /[\u2e80-\u9fff\uff00-\uffef]/.test(text);
              const cjkLoaded = faces.some(f => f.family.includes('Noto Sans SC') && f.status === 'loaded');
              return { total: all.length, empty: empty.length, firstEmpty: empty.length ? empty[0].textContent.slice(0, 80) : '',
                       failedFonts: failed.join(', '), katexFontLoaded: katexLoaded, usesCjk: cjk, cjkFontLoaded: cjkLoaded,
                       mathErrors: document.querySelectorAll('.math-error').length };
            }
            """);
        if (math.Empty > 0) problems.Add($"{math.Empty} of {math.Total} math elements have no size (first: {math.FirstEmpty})");
        if (math.Total > 0 && !math.KatexFontLoaded) problems.Add("the page has math but no KaTeX font loaded");
        if (math.FailedFonts.Length > 0) problems.Add($"fonts failed to load: {math.FailedFonts}");
        if (math.UsesCjk && !math.CjkFontLoaded) problems.Add("the page has Chinese text but the shipped Noto Sans SC did not load");
        if (math.MathErrors > 0) problems.Add($"{math.MathErrors} math error(s) drawn");

        // Nothing cut off: no code block, output or display formula is wider than its box (it would need sideways scrolling).
        var clipped = await page.EvaluateAsync<string[]>("""
            () => Array.from(document.querySelectorAll('pre, .output, .math-display'))
              .filter(e => e.scrollWidth > e.clientWidth + 1)
              .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.scrollWidth} > ${e.clientWidth} px: ${e.textContent.trim().slice(0, 60)}`)
            """);
        foreach (var c in clipped) problems.Add("cut off: " + c);
        var blocks = await page.EvaluateAsync<int>("document.body.classList.contains('lesson-page') ? document.querySelectorAll('pre, .output').length : -1");
        if (blocks == 0) problems.Add("no code or output blocks found to measure");
        return problems;
    }

    private sealed class MathReport
    {
        public int Total { get; set; }
        public int Empty { get; set; }
        public string FirstEmpty { get; set; } = "";
        public string FailedFonts { get; set; } = "";
        public bool KatexFontLoaded { get; set; }
        public bool UsesCjk { get; set; }
        public bool CjkFontLoaded { get; set; }
        public int MathErrors { get; set; }
    }
}
