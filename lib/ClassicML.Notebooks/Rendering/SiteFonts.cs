using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ClassicML.Notebooks.Rendering;

/// <summary>
/// The fonts the site ships: KaTeX's stylesheet and its woff2 fonts (the math), and the unicode-range chunks of
/// Noto Sans SC that hold characters the pages actually use (the Chinese key terms), so a machine with no CJK font
/// still shows every character, and a page downloads only the chunks its own text needs.
/// </summary>
internal static partial class SiteFonts
{
    /// <summary>The site folder's sub-folder for KaTeX's stylesheet (its <c>fonts/</c> beside it).</summary>
    public const string KatexFolder = "katex";

    /// <summary>The stylesheet of the CJK chunks, under <c>assets/</c>.</summary>
    public const string CjkStylesheet = "cjk-fonts.css";

    /// <summary>The family name the chunks are declared under (used in the site's font stacks).</summary>
    public const string CjkFamily = "Noto Sans SC";

    /// <summary>One <c>@font-face</c> of the CJK font: its woff2 file, weight and unicode ranges.</summary>
    /// <param name="File">The woff2 file name in the package's <c>files/</c> folder.</param>
    /// <param name="Weight">The CSS font weight.</param>
    /// <param name="Ranges">Inclusive code-point ranges the chunk covers.</param>
    /// <param name="RangeText">The <c>unicode-range</c> value as the package writes it.</param>
    internal sealed record Chunk(string File, int Weight, IReadOnlyList<(int First, int Last)> Ranges, string RangeText)
    {
        /// <summary>True when the chunk covers <paramref name="codePoint"/>.</summary>
        public bool Covers(int codePoint) => Ranges.Any(r => r.First <= codePoint && codePoint <= r.Last);
    }

    /// <summary>
    /// True for the code points the CJK font is shipped for: CJK radicals, punctuation, kana and ideographs (U+2E80–U+9FFF),
    /// Hangul syllables, compatibility ideographs, vertical and full-width forms, and the supplementary ideographs.
    /// Latin, Greek and Cyrillic are left to the reader's own fonts, which every system has; math symbols to KaTeX's.
    /// </summary>
    public static bool NeedsCjkFont(int codePoint) =>
        codePoint is (>= 0x2E80 and <= 0x9FFF) or (>= 0xAC00 and <= 0xD7AF) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFFEF) or (>= 0x20000 and <= 0x3FFFF);

    /// <summary>The chunks of <c>400.css</c> (regular weight) in the Noto Sans SC package.</summary>
    public static IReadOnlyList<Chunk> ReadChunks(SiteAssets assets)
    {
        var css = File.ReadAllText(Path.Combine(assets.NotoSansSc, "400.css"));
        var chunks = new List<Chunk>();
        foreach (Match face in FontFace().Matches(css))
        {
            var body = face.Groups[1].Value;
            var file = Woff2().Match(body);
            var range = UnicodeRange().Match(body);
            if (!file.Success || !range.Success) continue;
            var ranges = new List<(int, int)>();
            foreach (var part in range.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var span = part[2..].Split('-'); // "U+4e00-4e3f" or "U+3001"
                var first = int.Parse(span[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                ranges.Add((first, span.Length > 1 ? int.Parse(span[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) : first));
            }
            chunks.Add(new Chunk(file.Groups[1].Value, 400, ranges, range.Groups[1].Value.Trim()));
        }
        if (chunks.Count == 0)
            throw new RenderException($"{Path.Combine(assets.NotoSansSc, "400.css")} declares no woff2 font faces; the package layout changed.");
        return chunks;
    }

    /// <summary>The distinct code points of <paramref name="texts"/> that need the CJK font, in order.</summary>
    public static SortedSet<int> CjkCodePoints(IEnumerable<string> texts)
    {
        var used = new SortedSet<int>();
        foreach (var text in texts)
            foreach (var rune in text.EnumerateRunes())
                if (NeedsCjkFont(rune.Value)) used.Add(rune.Value);
        return used;
    }

    /// <summary>
    /// Writes <c>assets/katex/</c> (KaTeX's CSS, woff2 fonts and licence) and the CJK chunks that cover the code points
    /// used in <paramref name="pages"/> with their stylesheet <c>assets/cjk-fonts.css</c>. Returns the chunk files written
    /// and the used CJK characters that no chunk holds (the reader's own fonts must draw those).
    /// </summary>
    public static (IReadOnlyList<string> Chunks, IReadOnlyList<string> Missing) Write(string assetsFolder, IEnumerable<string> pages)
    {
        var assets = SiteAssets.Installed;
        WriteKatex(assets, Path.Combine(assetsFolder, KatexFolder));

        var chunks = ReadChunks(assets);
        var used = CjkCodePoints(pages);
        var missing = used.Where(cp => !chunks.Any(c => c.Covers(cp))).Select(cp => $"U+{cp:X4} {char.ConvertFromUtf32(cp)}").ToList();
        var selected = chunks.Where(c => used.Any(c.Covers)).ToList();

        var fonts = Path.Combine(assetsFolder, "fonts");
        Directory.CreateDirectory(fonts);
        var css = new StringBuilder($"/* {CjkFamily} {SiteAssets.NotoSansScVersion} (SIL Open Font License 1.1, fonts/OFL.txt): only the {selected.Count} of {chunks.Count} unicode-range chunks that hold characters these pages use. */\n");
        foreach (var chunk in selected)
        {
            CopyIfChanged(Path.Combine(assets.NotoSansSc, "files", chunk.File), Path.Combine(fonts, chunk.File));
            css.Append("@font-face{font-family:'").Append(CjkFamily).Append("';font-style:normal;font-display:swap;font-weight:")
               .Append(chunk.Weight.ToString(CultureInfo.InvariantCulture)).Append(";src:url(fonts/").Append(chunk.File)
               .Append(") format('woff2');unicode-range:").Append(chunk.RangeText).Append("}\n");
        }
        CopyIfChanged(Path.Combine(assets.NotoSansSc, "LICENSE"), Path.Combine(fonts, "OFL.txt"));
        AtomicFile.WriteText(Path.Combine(assetsFolder, CjkStylesheet), css.ToString());
        // Chunks of an earlier render that no page needs any more.
        var keep = selected.Select(c => c.File).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFiles(fonts, "*.woff2"))
            if (!keep.Contains(Path.GetFileName(stale))) File.Delete(stale);
        return (selected.Select(c => c.File).ToList(), missing);
    }

    /// <summary>KaTeX's stylesheet with only its woff2 sources (every browser that draws the site reads woff2), and those fonts.</summary>
    private static void WriteKatex(SiteAssets assets, string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "fonts"));
        var css = File.ReadAllText(Path.Combine(assets.KatexDist, "katex.min.css"));
        css = OtherFontFormats().Replace(css, "");
        AtomicFile.WriteText(Path.Combine(folder, "katex.min.css"), css);
        foreach (var font in Directory.EnumerateFiles(Path.Combine(assets.KatexDist, "fonts"), "*.woff2"))
            CopyIfChanged(font, Path.Combine(folder, "fonts", Path.GetFileName(font)));
        CopyIfChanged(Path.Combine(assets.KatexDist, "..", "LICENSE"), Path.Combine(folder, "LICENSE.txt"));
    }

    private static void CopyIfChanged(string from, string to)
    {
        if (File.Exists(to) && new FileInfo(to).Length == new FileInfo(from).Length && File.ReadAllBytes(to).AsSpan().SequenceEqual(File.ReadAllBytes(from)))
            return;
        using var source = File.OpenRead(from);
        AtomicFile.WriteStream(to, source);
    }

    [GeneratedRegex(@"@font-face\s*\{([^}]*)\}")]
    private static partial Regex FontFace();

    [GeneratedRegex(@"url\(\./files/([^)]+\.woff2)\)")]
    private static partial Regex Woff2();

    [GeneratedRegex(@"unicode-range:\s*([^;}]+)")]
    private static partial Regex UnicodeRange();

    /// <summary>The <c>,url(….woff) format("woff")</c> and <c>,url(….ttf) format("truetype")</c> alternatives.</summary>
    [GeneratedRegex(@",url\([^)]+\.(?:woff|ttf)\) format\(""(?:woff|truetype)""\)")]
    private static partial Regex OtherFontFormats();
}
