using System.Text;

namespace ClassicML.Notebooks.Rendering;

/// <summary>
/// Converts the TeX the lessons use into MathML Core, which browsers (Chromium ≥ 109, Firefox, Safari)
/// draw natively, so the site typesets math with no network and no JavaScript.
/// </summary>
/// <remarks>
/// A small recursive-descent parser: an expression is a sequence of atoms, each optionally followed by
/// sub/superscripts and primes; commands become MathML elements through the tables in
/// <see cref="TexSymbols"/>. Anything it does not know raises a <see cref="RenderException"/> naming the
/// command and quoting the TeX, rather than drawing something wrong.
/// </remarks>
public static class TexToMathML
{
    /// <summary>The MathML namespace written on every <c>&lt;math&gt;</c> element.</summary>
    public const string Namespace = "http://www.w3.org/1998/Math/MathML";

    /// <summary>
    /// Converts <paramref name="tex"/> to a <c>&lt;math&gt;</c> element: <c>display="block"</c> when
    /// <paramref name="display"/> (for <c>$$…$$</c>), inline otherwise (for <c>$…$</c>). The original TeX
    /// is kept as an <c>application/x-tex</c> annotation inside <c>&lt;semantics&gt;</c>.
    /// </summary>
    /// <param name="tex">The TeX between the dollar signs.</param>
    /// <param name="display">True for display math.</param>
    /// <exception cref="RenderException">The TeX uses an unknown command or is malformed.</exception>
    public static string Convert(string tex, bool display)
    {
        ArgumentNullException.ThrowIfNull(tex);
        var body = new TexParser(tex, display).ParseAll();
        var sb = new StringBuilder(body.Length + tex.Length + 160);
        sb.Append("<math xmlns=\"").Append(Namespace).Append('"');
        if (display) sb.Append(" display=\"block\"");
        sb.Append("><semantics>").Append(body)
          .Append("<annotation encoding=\"application/x-tex\">").Append(TexSymbols.Escape(tex.Trim()))
          .Append("</annotation></semantics></math>");
        return sb.ToString();
    }
}

/// <summary>One parsed piece of math: its MathML and how scripts attach to it.</summary>
/// <param name="Xml">The MathML element(s).</param>
/// <param name="Limits">Scripts go under/over (munder/mover) rather than to the side.</param>
/// <param name="Suffix">Markup that follows the scripted atom (the invisible function application after <c>\log</c>).</param>
internal sealed record MathNode(string Xml, bool Limits = false, string? Suffix = null);

/// <summary>The recursive-descent TeX parser behind <see cref="TexToMathML"/>.</summary>
internal sealed class TexParser(string source, bool display)
{
    private const string ApplyFunction = "<mo>\u2061</mo>";
    private readonly string _s = source;
    private readonly bool _display = display;
    private int _pos;
    private MathFont _font = MathFont.None;

    /// <summary>Parses the whole source into one <c>&lt;mrow&gt;</c>.</summary>
    public string ParseAll()
    {
        var items = ParseExpression();
        if (_pos < _s.Length)
        {
            if (At("\\\\"))
                Fail("A line break \\\\ outside an environment; wrap the lines in \\begin{aligned} … \\end{aligned}", "\\\\");
            if (_s[_pos] == '&')
                Fail("An alignment & outside an environment; wrap the lines in \\begin{aligned} … \\end{aligned}", "&");
            if (_s[_pos] == '}')
                Fail("An unmatched closing brace }", "}");
            if (At("\\right")) Fail("\\right without a matching \\left", "\\right");
            if (At("\\end")) Fail("\\end without a matching \\begin", "\\end");
            Fail("Unexpected input", _s[_pos].ToString());
        }
        // <semantics> shows only its first child, so the body must be one element.
        return items.Count == 1 && IsSingleElement(items[0]) ? items[0] : Row(items, forceRow: true);
    }

    /// <summary>An operator after which a sign is unary: a relation, a binary operator or an opening delimiter.</summary>
    private static bool IsOperatorBefore(string xml)
    {
        if (!xml.StartsWith("<mo", StringComparison.Ordinal) || !xml.EndsWith("</mo>", StringComparison.Ordinal)) return false;
        var text = xml[(xml.IndexOf('>') + 1)..^5];
        return text is not (")" or "]" or "|" or "}" or "‖" or "⟩" or "!" or "′" or "″" or "⌋" or "⌉");
    }

    /// <summary>Whether <paramref name="xml"/> (well-formed MathML from this parser) is exactly one element.</summary>
    private static bool IsSingleElement(string xml)
    {
        var depth = 0;
        var roots = 0;
        for (var i = 0; i < xml.Length; i++)
        {
            if (xml[i] != '<') continue;
            var end = xml.IndexOf('>', i);
            if (xml[i + 1] == '/') depth--;
            else if (xml[end - 1] != '/')
            {
                if (depth == 0) roots++;
                depth++;
            }
            else if (depth == 0) roots++;
            i = end;
        }
        return roots == 1;
    }

    // ---------------------------------------------------------------- expressions

    /// <summary>Atoms until <c>}</c>, <c>&amp;</c>, <c>\\</c>, <c>\right</c>, <c>\middle</c>, <c>\end</c> or the end.</summary>
    private List<string> ParseExpression()
    {
        var items = new List<string>();
        while (true)
        {
            SkipSpace();
            if (_pos >= _s.Length) break;
            var c = _s[_pos];
            if (c is '}' or '&') break;
            if (c == '\\' && (At("\\\\") || AtCommand("right") || AtCommand("middle") || AtCommand("end"))) break;
            if (AtCommand("color"))
            {
                // \color{c} colours the rest of its group, as in TeX.
                ReadCommand();
                var color = ReadColor("color");
                var rest = ParseExpression();
                items.Add($"<mrow style=\"color:{color}\">{string.Concat(rest)}</mrow>");
                break;
            }
            if (AtCommand("displaystyle") || AtCommand("textstyle"))
            {
                var isDisplay = AtCommand("displaystyle");
                ReadCommand();
                var rest = ParseExpression();
                items.Add($"<mstyle displaystyle=\"{(isDisplay ? "true" : "false")}\">{Row(rest)}</mstyle>");
                break;
            }
            var atom = ParseScripted();
            if (atom is null) continue;
            // TeX sets a sign after a relation or an opening (x = -1, (-a)) as unary; MathML needs form="prefix" for that.
            if (atom is "<mo>−</mo>" or "<mo>+</mo>" or "<mo>±</mo>" or "<mo>∓</mo>" && items.Count > 0 && IsOperatorBefore(items[^1]))
                atom = atom.Insert(3, " form=\"prefix\"");
            items.Add(atom);
        }
        return items;
    }

    /// <summary>An atom with its sub/superscripts and primes, or null for a command that draws nothing.</summary>
    private string? ParseScripted()
    {
        SkipSpace();
        MathNode? node;
        var c = _s[_pos];
        if (c is '^' or '_') node = new MathNode("<mrow></mrow>");
        else node = ParseAtom();
        if (node is null) return null;

        string? sub = null, sup = null;
        var primes = 0;
        var limits = node.Limits;
        while (true)
        {
            SkipSpace();
            if (_pos >= _s.Length) break;
            c = _s[_pos];
            if (c == '\'')
            {
                if (sup is not null) Fail("A prime after a superscript; write x'^2 rather than x^2'", "'");
                _pos++;
                primes++;
            }
            else if (c == '^')
            {
                if (sup is not null) Fail("Double superscript; group it: x^{a b}", "^");
                _pos++;
                sup = ScriptArgument("^");
            }
            else if (c == '_')
            {
                if (sub is not null) Fail("Double subscript; group it: x_{a b}", "_");
                _pos++;
                sub = ScriptArgument("_");
            }
            else if (AtCommand("limits")) { ReadCommand(); limits = true; }
            else if (AtCommand("nolimits")) { ReadCommand(); limits = false; }
            else break;
        }
        if (primes > 0)
        {
            // U+2032 is drawn raised already; as a superscript (TeX's view) it would be raised and shrunk twice in
            // fonts without a MATH table, so it follows the base: f′(x), and x′² scripts the primed base.
            var mark = $"<mo lspace=\"0\" rspace=\"0\">{primes switch { 1 => "′", 2 => "″", 3 => "‴", _ => new string('′', primes) }}</mo>";
            node = node with { Xml = sub is null && sup is null ? node.Xml + mark : $"<mrow>{node.Xml}{mark}</mrow>" };
        }

        string xml;
        if (sub is null && sup is null) xml = node.Xml;
        else if (limits)
            xml = (sub, sup) switch
            {
                (not null, not null) => $"<munderover>{node.Xml}{sub}{sup}</munderover>",
                (not null, null) => $"<munder>{node.Xml}{sub}</munder>",
                _ => $"<mover>{node.Xml}{sup}</mover>",
            };
        else
            xml = (sub, sup) switch
            {
                (not null, not null) => $"<msubsup>{node.Xml}{sub}{sup}</msubsup>",
                (not null, null) => $"<msub>{node.Xml}{sub}</msub>",
                _ => $"<msup>{node.Xml}{sup}</msup>",
            };
        return node.Suffix is null ? xml : xml + node.Suffix;
    }

    /// <summary>The argument of ^ or _: one token or a braced group.</summary>
    private string ScriptArgument(string what)
    {
        SkipSpace();
        if (_pos >= _s.Length || _s[_pos] is '}' or '&' or '^' or '_')
            Fail($"Missing argument after {what}", what);
        var node = ParseAtom(singleToken: true);
        return node?.Xml ?? "<mrow></mrow>";
    }

    /// <summary>A braced group <c>{…}</c> or a single token, as one element.</summary>
    private string Argument(string command)
    {
        SkipSpace();
        if (_pos >= _s.Length || _s[_pos] is '}' or '&')
            Fail($"Missing argument for {command}", command);
        return ParseAtom(singleToken: true)?.Xml ?? "<mrow></mrow>";
    }

    /// <summary>One atom: a group, number, letter, character or command.</summary>
    private MathNode? ParseAtom(bool singleToken = false)
    {
        SkipSpace();
        var c = _s[_pos];
        if (c == '{')
        {
            _pos++;
            var items = ParseExpression();
            Expect('}', "{");
            return new MathNode(Row(items, forceRow: true));
        }
        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _s.Length && char.IsAsciiDigit(_s[_pos + 1])))
        {
            var start = _pos;
            if (singleToken) _pos++; // x^23 is x²3 in TeX: a script takes one digit.
            else
            {
                while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos])) _pos++;
                if (_pos + 1 < _s.Length && _s[_pos] == '.' && char.IsAsciiDigit(_s[_pos + 1]))
                {
                    _pos++;
                    while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos])) _pos++;
                }
            }
            var digits = _s[start.._pos];
            return new MathNode($"<mn>{StyleText(digits)}</mn>");
        }
        if (char.IsAsciiLetter(c))
        {
            if (_font is MathFont.None or MathFont.Italic or MathFont.BoldItalic || singleToken)
            {
                _pos++;
                return new MathNode(Letter(c));
            }
            var start = _pos;
            while (_pos < _s.Length && char.IsAsciiLetter(_s[_pos])) _pos++;
            return new MathNode(Word(_s[start.._pos]));
        }
        if (c == '\\') return ParseCommand();
        _pos++;
        switch (c)
        {
            case '~': return new MathNode("<mtext>\u00A0</mtext>");
            case '\'': return new MathNode("<mo>′</mo>");
            case '-': return new MathNode("<mo>−</mo>");
            case '*': return new MathNode("<mo>∗</mo>");
            case '(' or ')' or '[' or ']' or '|':
                return new MathNode($"<mo stretchy=\"false\">{c}</mo>");
            case '<': return new MathNode("<mo>&lt;</mo>");
            case '>': return new MathNode("<mo>&gt;</mo>");
            case '#': Fail("A macro parameter # in math; write \\# for the symbol", "#"); break;
            case '}' or '&' or '^' or '_': Fail($"Unexpected {c}", c.ToString()); break;
        }
        if (char.IsSurrogate(c) && _pos < _s.Length)
        {
            var pair = _s.Substring(_pos - 1, 2);
            _pos++;
            return new MathNode($"<mi>{pair}</mi>");
        }
        if (char.IsLetter(c)) return new MathNode(Letter(c));
        return new MathNode($"<mo>{TexSymbols.Escape(c.ToString())}</mo>");
    }

    // ---------------------------------------------------------------- commands

    private MathNode? ParseCommand()
    {
        var start = _pos;
        var name = ReadCommand();
        string Arg() => Argument("\\" + name);

        if (TexSymbols.Greek.TryGetValue(name, out var greek))
            return new MathNode(Letter(greek));
        if (TexSymbols.LargeOperators.TryGetValue(name, out var large))
            return new MathNode($"<mo movablelimits=\"{(large.Limits ? "true" : "false")}\">{large.Symbol}</mo>", large.Limits && _display);
        if (TexSymbols.Functions.Contains(name))
            return new MathNode($"<mi>{name}</mi>", Suffix: ApplyFunction);
        if (TexSymbols.LimitFunctions.TryGetValue(name, out var limitName))
            return new MathNode($"<mi>{limitName}</mi>", _display, ApplyFunction);
        if (TexSymbols.Spaces.TryGetValue(name, out var width))
            return new MathNode($"<mspace width=\"{width}\"></mspace>");
        if (TexSymbols.Accents.TryGetValue(name, out var accent))
        {
            var body = Arg();
            var mark = $"<mo stretchy=\"{(accent.Stretchy ? "true" : "false")}\">{TexSymbols.Escape(accent.Mark)}</mo>";
            return new MathNode(accent.Over
                ? $"<mover accent=\"true\">{body}{mark}</mover>"
                : $"<munder accentunder=\"true\">{body}{mark}</munder>");
        }
        if (TexSymbols.BigSizes.TryGetValue(name.TrimEnd('l', 'r', 'm'), out var size)
            && name.Length - name.TrimEnd('l', 'r', 'm').Length <= 1)
        {
            var delimiter = ReadDelimiter(name);
            return new MathNode($"<mo fence=\"true\" stretchy=\"true\" symmetric=\"true\" minsize=\"{size}\" maxsize=\"{size}\">{TexSymbols.Escape(delimiter)}</mo>");
        }
        if (TexSymbols.Symbols.TryGetValue(name, out var symbol))
        {
            var text = TexSymbols.Escape(symbol.Text);
            if (symbol.Kind == SymbolKind.Identifier)
                return new MathNode(_font == MathFont.None ? $"<mi>{text}</mi>" : $"<mi>{StyleText(symbol.Text)}</mi>");
            var stretch = name is "{" or "}" or "|" or "langle" or "rangle" or "lbrace" or "rbrace" or "lvert" or "rvert"
                or "lVert" or "rVert" or "vert" or "Vert" or "lfloor" or "rfloor" or "lceil" or "rceil";
            return new MathNode(stretch ? $"<mo stretchy=\"false\">{text}</mo>" : $"<mo>{text}</mo>");
        }

        switch (name)
        {
            case " ": return new MathNode("<mtext>\u00A0</mtext>");
            case "frac" or "dfrac" or "tfrac" or "cfrac":
            {
                var num = Arg();
                var den = Arg();
                var frac = $"<mfrac>{num}{den}</mfrac>";
                return new MathNode(name switch
                {
                    "dfrac" or "cfrac" => $"<mstyle displaystyle=\"true\">{frac}</mstyle>",
                    "tfrac" => $"<mstyle displaystyle=\"false\">{frac}</mstyle>",
                    _ => frac,
                });
            }
            case "binom" or "dbinom" or "tbinom":
            {
                var n = Arg();
                var k = Arg();
                return new MathNode($"<mrow><mo>(</mo><mfrac linethickness=\"0\">{n}{k}</mfrac><mo>)</mo></mrow>");
            }
            case "sqrt":
            {
                SkipSpace();
                if (_pos < _s.Length && _s[_pos] == '[')
                {
                    _pos++;
                    var index = ParseUntilBracket();
                    var radicand = Arg();
                    return new MathNode($"<mroot>{radicand}{index}</mroot>");
                }
                return new MathNode($"<msqrt>{Arg()}</msqrt>");
            }
            case "mathbf" or "bf" or "mathbfup": return WithFont(MathFont.Bold, name);
            case "boldsymbol" or "bm" or "mathbfit": return WithFont(MathFont.BoldItalic, name);
            case "mathrm" or "rm" or "mathup": return WithFont(MathFont.Roman, name);
            case "mathit": return WithFont(MathFont.Italic, name);
            case "mathcal" or "mathscr": return WithFont(MathFont.Script, name);
            case "mathbb": return WithFont(MathFont.DoubleStruck, name);
            case "mathsf": return WithFont(MathFont.SansSerif, name);
            case "mathfrak": return WithFont(MathFont.Fraktur, name);
            case "mathtt": return WithFont(MathFont.Monospace, name);
            case "text" or "textrm" or "mbox" or "textnormal" or "textup": return new MathNode(Text(ReadRawGroup(name), null));
            case "textbf": return new MathNode(Text(ReadRawGroup(name), "font-weight:bold"));
            case "textit" or "emph": return new MathNode(Text(ReadRawGroup(name), "font-style:italic"));
            case "texttt": return new MathNode(Text(ReadRawGroup(name), "font-family:monospace"));
            case "operatorname" or "operatorname*":
            {
                var raw = ReadRawGroup(name).Replace("\\,", "\u2009", StringComparison.Ordinal).Replace("\\;", "\u2009", StringComparison.Ordinal)
                    .Replace("\\", "", StringComparison.Ordinal).Replace("{", "", StringComparison.Ordinal)
                    .Replace("}", "", StringComparison.Ordinal).Trim();
                if (raw.Length == 0) Fail("\\operatorname needs a name, e.g. \\operatorname{softmax}", "\\" + name);
                var mi = raw.Length == 1 ? $"<mi mathvariant=\"normal\">{TexSymbols.Escape(raw)}</mi>" : $"<mi>{TexSymbols.Escape(raw)}</mi>";
                return new MathNode(mi, name.EndsWith('*') && _display, ApplyFunction);
            }
            case "mathop":
                return new MathNode(Arg(), _display);
            case "mathrel" or "mathbin" or "mathord":
                return new MathNode(Arg());
            case "left": return ParseLeftRight();
            case "begin": return ParseEnvironment();
            case "not":
            {
                SkipSpace();
                var next = ParseAtom(singleToken: true)?.Xml ?? "";
                var inner = InnerText(next);
                if (inner is not null && TexSymbols.Negations.TryGetValue(inner, out var negated))
                    return new MathNode($"<mo>{TexSymbols.Escape(negated)}</mo>");
                if (inner is not null) return new MathNode($"<mo>{inner}\u0338</mo>");
                Fail("\\not must be followed by a relation such as = or \\in", "\\not");
                return null;
            }
            case "underbrace" or "overbrace":
            {
                var body = Arg();
                return new MathNode(name == "underbrace"
                    ? $"<munder>{body}<mo stretchy=\"true\">⏟</mo></munder>"
                    : $"<mover>{body}<mo stretchy=\"true\">⏞</mo></mover>", Limits: true);
            }
            case "overset" or "stackrel":
            {
                var over = Arg();
                var baseXml = Arg();
                return new MathNode($"<mover>{baseXml}{over}</mover>");
            }
            case "underset":
            {
                var under = Arg();
                var baseXml = Arg();
                return new MathNode($"<munder>{baseXml}{under}</munder>");
            }
            case "substack":
            {
                Expect('{', "\\substack");
                var rows = ParseRows("substack");
                Expect('}', "\\substack");
                return new MathNode(Table(rows, _ => "center", displayStyle: false, relationCells: false));
            }
            case "textcolor":
            {
                var color = ReadColor(name);
                return new MathNode($"<mrow style=\"color:{color}\">{Arg()}</mrow>");
            }
            case "boxed":
                return new MathNode($"<mrow style=\"border:1px solid currentColor;padding:0.2em 0.3em\">{Arg()}</mrow>");
            case "bmod":
                return new MathNode("<mo lspace=\"0.2222em\" rspace=\"0.2222em\">mod</mo>");
            case "pmod":
            {
                var m = Arg();
                return new MathNode($"<mrow><mspace width=\"1em\"></mspace><mo stretchy=\"false\">(</mo><mi>mod</mi><mspace width=\"0.3333em\"></mspace>{m}<mo stretchy=\"false\">)</mo></mrow>");
            }
            case "hline" or "nonumber" or "notag" or "limits" or "nolimits" or "middle":
                return null;
            case "tag" or "tag*" or "label":
                ReadRawGroup(name);
                return null;
            case "phantom":
                return new MathNode($"<mpadded style=\"visibility:hidden\">{Arg()}</mpadded>");
        }
        _pos = start;
        Fail($"Unknown TeX command \\{name}: the site's TeX→MathML converter does not support it; rewrite it with supported commands (see Rendering/Math/TexSymbols.cs)", "\\" + name);
        return null;
    }

    /// <summary>A colour argument: a CSS colour name or #rgb/#rrggbb (anything else could break out of the style).</summary>
    private string ReadColor(string command)
    {
        var color = ReadRawGroup(command).Trim();
        var ok = color.Length > 0 && (color.All(char.IsAsciiLetter)
            || (color[0] == '#' && color.Length is 4 or 7 && color.Skip(1).All(char.IsAsciiHexDigit)));
        if (!ok) Fail($"\\{command}{{{color}}}: use a colour name (red, teal) or #rrggbb", "\\" + command);
        return color;
    }

    private MathNode WithFont(MathFont font, string command)
    {
        var saved = _font;
        _font = font;
        try
        {
            return new MathNode(Argument("\\" + command));
        }
        finally
        {
            _font = saved;
        }
    }

    /// <summary><c>\left( … \middle| … \right)</c> as a fenced <c>&lt;mrow&gt;</c> whose delimiters stretch.</summary>
    private MathNode ParseLeftRight()
    {
        var open = ReadDelimiter("left");
        var sb = new StringBuilder("<mrow>");
        if (open.Length > 0) sb.Append("<mo fence=\"true\" form=\"prefix\" stretchy=\"true\">").Append(TexSymbols.Escape(open)).Append("</mo>");
        while (true)
        {
            var items = ParseExpression();
            sb.Append(Row(items));
            if (AtCommand("middle"))
            {
                ReadCommand();
                var mid = ReadDelimiter("middle");
                sb.Append("<mo fence=\"true\" stretchy=\"true\" lspace=\"0.1667em\" rspace=\"0.1667em\">").Append(TexSymbols.Escape(mid)).Append("</mo>");
                continue;
            }
            if (!AtCommand("right")) Fail("\\left without a matching \\right", "\\left");
            ReadCommand();
            break;
        }
        var close = ReadDelimiter("right");
        if (close.Length > 0) sb.Append("<mo fence=\"true\" form=\"postfix\" stretchy=\"true\">").Append(TexSymbols.Escape(close)).Append("</mo>");
        sb.Append("</mrow>");
        return new MathNode(sb.ToString());
    }

    /// <summary>The delimiter after <c>\left</c>, <c>\right</c>, <c>\big</c>…: a character or a delimiter command; "" for <c>.</c>.</summary>
    private string ReadDelimiter(string after)
    {
        SkipSpace();
        if (_pos >= _s.Length) Fail($"Missing delimiter after \\{after}", "\\" + after);
        var c = _s[_pos];
        if (c == '\\')
        {
            var name = ReadCommand();
            if (TexSymbols.DelimiterCommands.TryGetValue(name, out var d)) return d;
            Fail($"\\{name} is not a delimiter; after \\{after} use ( ) [ ] | . \\{{ \\}} \\| \\langle \\rangle \\lfloor \\rfloor \\lceil \\rceil", "\\" + name);
        }
        _pos++;
        return c switch
        {
            '.' => "",
            '(' or ')' or '[' or ']' or '|' or '/' or '<' or '>' => c switch { '<' => "⟨", '>' => "⟩", _ => c.ToString() },
            _ => throw Error($"'{c}' is not a delimiter after \\{after}", "\\" + after),
        };
    }

    // ---------------------------------------------------------------- environments

    private MathNode ParseEnvironment()
    {
        var env = ReadRawGroup("begin").Trim();
        string[]? arrayAlign = null;
        if (env == "array")
        {
            var spec = ReadRawGroup("begin{array}");
            arrayAlign = spec.Where(ch => ch is 'l' or 'c' or 'r')
                .Select(ch => ch switch { 'l' => "left", 'r' => "right", _ => "center" }).ToArray();
        }
        var rows = ParseRows(env);
        if (!AtCommand("end")) Fail($"\\begin{{{env}}} without \\end{{{env}}}", "\\begin{" + env + "}");
        ReadCommand();
        var endName = ReadRawGroup("end").Trim();
        if (endName != env) Fail($"\\begin{{{env}}} is closed by \\end{{{endName}}}", "\\end{" + endName + "}");

        string Aligned(int col) => col % 2 == 0 ? "right" : "left";
        switch (env)
        {
            case "aligned" or "align" or "align*" or "split" or "alignat" or "alignat*" or "alignedat":
                return new MathNode(Table(rows, Aligned, displayStyle: true, relationCells: true));
            case "gather" or "gather*" or "gathered" or "equation" or "equation*" or "multline" or "multline*":
                return new MathNode(Table(rows, _ => "center", displayStyle: true, relationCells: false));
            case "matrix" or "smallmatrix":
                return new MathNode(Table(rows, _ => "center", false, false));
            case "pmatrix": return new MathNode(Fence("(", ")", Table(rows, _ => "center", false, false)));
            case "bmatrix": return new MathNode(Fence("[", "]", Table(rows, _ => "center", false, false)));
            case "Bmatrix": return new MathNode(Fence("{", "}", Table(rows, _ => "center", false, false)));
            case "vmatrix": return new MathNode(Fence("|", "|", Table(rows, _ => "center", false, false)));
            case "Vmatrix": return new MathNode(Fence("‖", "‖", Table(rows, _ => "center", false, false)));
            case "cases": return new MathNode(Fence("{", "", Table(rows, _ => "left", false, false)));
            case "dcases": return new MathNode(Fence("{", "", Table(rows, _ => "left", true, false)));
            case "array":
                return new MathNode(Table(rows, col => col < arrayAlign!.Length ? arrayAlign[col] : "center", false, false));
        }
        Fail($"Unknown TeX environment {{{env}}}; use aligned, align*, split, gather, matrix, pmatrix, bmatrix, vmatrix, cases or array", "\\begin{" + env + "}");
        return null!;
    }

    /// <summary>Rows of cells separated by <c>&amp;</c> and <c>\\</c>, up to <c>\end</c> or <c>}</c>.</summary>
    private List<List<string>> ParseRows(string env)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        while (true)
        {
            var cell = ParseExpression();
            row.Add(Row(cell));
            if (_pos >= _s.Length) Fail($"\\begin{{{env}}} is never closed", "\\begin{" + env + "}");
            if (_s[_pos] == '&') { _pos++; continue; }
            if (At("\\\\"))
            {
                _pos += 2;
                SkipSpace();
                if (_pos < _s.Length && _s[_pos] == '[') { _pos++; ParseUntilBracket(); }
                rows.Add(row);
                row = [];
                continue;
            }
            if (AtCommand("right") || AtCommand("middle")) Fail($"\\right inside {env} without a \\left there", "\\right");
            break; // \end or }
        }
        // A trailing \\ leaves an empty last row, which TeX does not draw.
        if (!(row.Count == 1 && row[0] == "<mrow></mrow>")) rows.Add(row);
        return rows;
    }

    private static string Table(List<List<string>> rows, Func<int, string> align, bool displayStyle, bool relationCells)
    {
        var sb = new StringBuilder("<mtable");
        if (displayStyle) sb.Append(" displaystyle=\"true\"");
        sb.Append('>');
        foreach (var row in rows)
        {
            sb.Append("<mtr>");
            for (var col = 0; col < row.Count; col++)
            {
                var a = align(col);
                // Chromium ignores columnalign (not in MathML Core) but honours text-align; keep both.
                var padding = relationCells ? (col % 2 == 0 ? ";padding-right:0" : ";padding-left:0") : "";
                sb.Append("<mtd columnalign=\"").Append(a).Append("\" style=\"text-align:").Append(a).Append(padding).Append("\">");
                // A right-hand cell starts with its relation ("&= b"); an empty row before it keeps "=" infix, as TeX's {} does.
                if (relationCells && col % 2 == 1) sb.Append("<mrow><mrow></mrow>").Append(row[col]).Append("</mrow>");
                else sb.Append(row[col]);
                sb.Append("</mtd>");
            }
            sb.Append("</mtr>");
        }
        sb.Append("</mtable>");
        return sb.ToString();
    }

    private static string Fence(string open, string close, string inner)
    {
        var sb = new StringBuilder("<mrow>");
        if (open.Length > 0) sb.Append("<mo fence=\"true\" form=\"prefix\" stretchy=\"true\">").Append(open).Append("</mo>");
        sb.Append(inner);
        if (close.Length > 0) sb.Append("<mo fence=\"true\" form=\"postfix\" stretchy=\"true\">").Append(close).Append("</mo>");
        return sb.Append("</mrow>").ToString();
    }

    // ---------------------------------------------------------------- text and letters

    private string Letter(char c)
    {
        if (_font == MathFont.None)
            return c is >= 'Α' and <= 'Ω' ? $"<mi mathvariant=\"normal\">{c}</mi>" : $"<mi>{TexSymbols.Escape(c.ToString())}</mi>";
        if (_font == MathFont.Roman) return $"<mi mathvariant=\"normal\">{TexSymbols.Escape(c.ToString())}</mi>";
        return $"<mi>{TexSymbols.Styled(c, _font)}</mi>";
    }

    private string Word(string word)
    {
        if (word.Length == 1) return Letter(word[0]);
        return _font == MathFont.Roman ? $"<mi>{word}</mi>" : $"<mi>{StyleText(word)}</mi>";
    }

    private string StyleText(string text)
    {
        if (_font is MathFont.None or MathFont.Roman) return TexSymbols.Escape(text);
        var sb = new StringBuilder();
        foreach (var ch in text) sb.Append(TexSymbols.Styled(ch, _font));
        return sb.ToString();
    }

    /// <summary>Text mode content as <c>&lt;mtext&gt;</c>; edge spaces become no-break spaces so they survive.</summary>
    private string Text(string raw, string? style)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < raw.Length; i++)
        {
            var ch = raw[i];
            if (ch == '\\' && i + 1 < raw.Length)
            {
                var next = raw[i + 1];
                if (next is '{' or '}' or '%' or '$' or '&' or '#' or '_') { sb.Append(next); i++; continue; }
                if (next is ' ' or ',' or ';' or ':' or '!') { sb.Append(' '); i++; continue; }
                if (next == '\\') { sb.Append(' '); i++; continue; }
                var j = i + 1;
                while (j < raw.Length && char.IsAsciiLetter(raw[j])) j++;
                var cmd = raw[(i + 1)..j];
                if (cmd is "quad" or "qquad") { sb.Append("\u2003"); i = j - 1; continue; }
                throw Error($"Unknown command \\{cmd} inside \\text{{…}}; write plain text there", "\\" + cmd);
            }
            if (ch is '{' or '}') continue;
            sb.Append(ch == '~' ? '\u00A0' : ch);
        }
        var text = sb.ToString();
        var trimmedStart = text.TrimStart(' ');
        var lead = text.Length - trimmedStart.Length;
        var body = trimmedStart.TrimEnd(' ');
        var trail = trimmedStart.Length - body.Length;
        var final = (lead > 0 ? "\u00A0" : "") + body + (trail > 0 ? "\u00A0" : "");
        var attr = style is null ? "" : $" style=\"{style}\"";
        return $"<mtext{attr}>{TexSymbols.Escape(final)}</mtext>";
    }

    /// <summary>The raw text of a braced group (braces balanced), or a single character.</summary>
    private string ReadRawGroup(string command)
    {
        SkipSpace();
        if (_pos >= _s.Length) Fail($"Missing argument for \\{command}", "\\" + command);
        if (_s[_pos] != '{') return _s[_pos++].ToString();
        var depth = 0;
        var start = _pos + 1;
        for (; _pos < _s.Length; _pos++)
        {
            var c = _s[_pos];
            if (c == '\\') { _pos++; continue; }
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0)
            {
                _pos++;
                return _s[start..(_pos - 1)];
            }
        }
        throw Error($"Unclosed {{ after \\{command}", "\\" + command);
    }

    private string ParseUntilBracket()
    {
        var items = new List<string>();
        while (true)
        {
            SkipSpace();
            if (_pos >= _s.Length) Fail("Unclosed [ in an optional argument", "[");
            if (_s[_pos] == ']') { _pos++; break; }
            var item = ParseScripted();
            if (item is not null) items.Add(item);
        }
        return Row(items);
    }

    // ---------------------------------------------------------------- low level

    private static string Row(List<string> items, bool forceRow = false) =>
        items.Count == 1 && !forceRow ? items[0] : "<mrow>" + string.Concat(items) + "</mrow>";

    private static string? InnerText(string xml)
    {
        var open = xml.IndexOf('>');
        var close = xml.LastIndexOf('<');
        if (open < 0 || close <= open || xml.StartsWith("<mrow", StringComparison.Ordinal)) return null;
        var text = xml[(open + 1)..close];
        return text switch { "&lt;" => "<", "&gt;" => ">", _ => text };
    }

    private string ReadCommand()
    {
        // At a backslash: a command is a run of letters (plus a trailing * for operatorname*) or one other character.
        _pos++;
        if (_pos >= _s.Length) Fail("A lone backslash at the end", "\\");
        var start = _pos;
        if (!char.IsAsciiLetter(_s[_pos])) { _pos++; return _s[start.._pos]; }
        while (_pos < _s.Length && char.IsAsciiLetter(_s[_pos])) _pos++;
        var name = _s[start.._pos];
        if (_pos < _s.Length && _s[_pos] == '*' && name is "operatorname" or "tag") { _pos++; name += "*"; }
        return name;
    }

    private bool At(string text) => string.CompareOrdinal(_s, _pos, text, 0, text.Length) == 0;

    private bool AtCommand(string name)
    {
        if (_pos >= _s.Length || _s[_pos] != '\\' || !At("\\" + name)) return false;
        var end = _pos + 1 + name.Length;
        return end >= _s.Length || !char.IsAsciiLetter(_s[end]);
    }

    private void SkipSpace()
    {
        while (_pos < _s.Length)
        {
            var c = _s[_pos];
            if (char.IsWhiteSpace(c)) _pos++;
            else if (c == '%')
            {
                // TeX comment: to the end of the line.
                while (_pos < _s.Length && _s[_pos] != '\n') _pos++;
            }
            else break;
        }
    }

    private void Expect(char c, string opener)
    {
        SkipSpace();
        if (_pos >= _s.Length || _s[_pos] != c)
        {
            var found = _pos >= _s.Length ? "the end" : $"'{_s[_pos]}'";
            Fail($"Expected '{c}' to close {opener} but found {found}", opener);
        }
        _pos++;
    }

    private RenderException Error(string message, string command) =>
        new($"{message} — at position {_pos} in TeX \"{_s}\"", command, _s);

    private void Fail(string message, string command) => throw Error(message, command);
}
