using System.Text;

namespace ClassicML.Notebooks.Rendering;

/// <summary>How a TeX symbol is marked up in MathML.</summary>
internal enum SymbolKind
{
    /// <summary>An operator, relation or punctuation: <c>&lt;mo&gt;</c>.</summary>
    Operator,
    /// <summary>An ordinary symbol drawn upright: <c>&lt;mi&gt;</c> (∞, ∂, ∇, ℓ).</summary>
    Identifier,
}

/// <summary>Letter styles of TeX's font commands, mapped to Unicode's mathematical alphanumerics.</summary>
internal enum MathFont
{
    None, Roman, Bold, Italic, BoldItalic, Script, DoubleStruck, SansSerif, Fraktur, Monospace,
}

/// <summary>The symbol tables of the TeX→MathML converter.</summary>
internal static class TexSymbols
{
    /// <summary>Greek letters by TeX name.</summary>
    public static readonly Dictionary<string, char> Greek = new(StringComparer.Ordinal)
    {
        ["alpha"] = 'α', ["beta"] = 'β', ["gamma"] = 'γ', ["delta"] = 'δ', ["epsilon"] = 'ϵ', ["varepsilon"] = 'ε',
        ["zeta"] = 'ζ', ["eta"] = 'η', ["theta"] = 'θ', ["vartheta"] = 'ϑ', ["iota"] = 'ι', ["kappa"] = 'κ',
        ["varkappa"] = 'ϰ', ["lambda"] = 'λ', ["mu"] = 'μ', ["nu"] = 'ν', ["xi"] = 'ξ', ["omicron"] = 'ο',
        ["pi"] = 'π', ["varpi"] = 'ϖ', ["rho"] = 'ρ', ["varrho"] = 'ϱ', ["sigma"] = 'σ', ["varsigma"] = 'ς',
        ["tau"] = 'τ', ["upsilon"] = 'υ', ["phi"] = 'ϕ', ["varphi"] = 'φ', ["chi"] = 'χ', ["psi"] = 'ψ', ["omega"] = 'ω',
        ["Gamma"] = 'Γ', ["Delta"] = 'Δ', ["Theta"] = 'Θ', ["Lambda"] = 'Λ', ["Xi"] = 'Ξ', ["Pi"] = 'Π',
        ["Sigma"] = 'Σ', ["Upsilon"] = 'Υ', ["Phi"] = 'Φ', ["Psi"] = 'Ψ', ["Omega"] = 'Ω',
    };

    /// <summary>Symbols by TeX name (without the backslash), with the element they become.</summary>
    public static readonly Dictionary<string, (string Text, SymbolKind Kind)> Symbols = Build();

    /// <summary>Upright function names (<c>\log x</c>); sub/superscripts stay to the side.</summary>
    public static readonly HashSet<string> Functions = new(StringComparer.Ordinal)
    {
        "log", "ln", "exp", "sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "coth",
        "arcsin", "arccos", "arctan", "arg", "det", "dim", "ker", "deg", "hom", "lg", "tr", "Tr", "rank", "sgn", "diag",
    };

    /// <summary>Function names whose subscript goes underneath in display math (<c>\max_x</c>).</summary>
    public static readonly Dictionary<string, string> LimitFunctions = new(StringComparer.Ordinal)
    {
        ["max"] = "max", ["min"] = "min", ["sup"] = "sup", ["inf"] = "inf", ["lim"] = "lim",
        ["limsup"] = "lim\u2009sup", ["liminf"] = "lim\u2009inf", ["Pr"] = "Pr", ["gcd"] = "gcd",
        ["argmax"] = "arg\u2009max", ["argmin"] = "arg\u2009min",
    };

    /// <summary>Big operators; <c>Limits</c> says whether display math puts their scripts above and below.</summary>
    public static readonly Dictionary<string, (char Symbol, bool Limits)> LargeOperators = new(StringComparer.Ordinal)
    {
        ["sum"] = ('∑', true), ["prod"] = ('∏', true), ["coprod"] = ('∐', true),
        ["bigcup"] = ('⋃', true), ["bigcap"] = ('⋂', true), ["bigvee"] = ('⋁', true), ["bigwedge"] = ('⋀', true),
        ["bigoplus"] = ('⨁', true), ["bigotimes"] = ('⨂', true), ["bigsqcup"] = ('⨆', true),
        // TeX keeps an integral's limits at the side even in display math.
        ["int"] = ('∫', false), ["iint"] = ('∬', false), ["iiint"] = ('∭', false), ["oint"] = ('∮', false),
    };

    /// <summary>Delimiters allowed after <c>\left</c>, <c>\right</c>, <c>\big</c> and friends, by command name.</summary>
    public static readonly Dictionary<string, string> DelimiterCommands = new(StringComparer.Ordinal)
    {
        ["{"] = "{", ["}"] = "}", ["|"] = "‖", ["lbrace"] = "{", ["rbrace"] = "}", ["lbrack"] = "[", ["rbrack"] = "]",
        ["langle"] = "⟨", ["rangle"] = "⟩", ["lvert"] = "|", ["rvert"] = "|", ["vert"] = "|",
        ["lVert"] = "‖", ["rVert"] = "‖", ["Vert"] = "‖", ["lfloor"] = "⌊", ["rfloor"] = "⌋",
        ["lceil"] = "⌈", ["rceil"] = "⌉", ["backslash"] = "∖", ["uparrow"] = "↑", ["downarrow"] = "↓",
    };

    /// <summary>Sizes of <c>\big</c>, <c>\Big</c>, <c>\bigg</c>, <c>\Bigg</c> (and their l/r/m forms).</summary>
    public static readonly Dictionary<string, string> BigSizes = new(StringComparer.Ordinal)
    {
        ["big"] = "1.2em", ["Big"] = "1.623em", ["bigg"] = "2.047em", ["Bigg"] = "2.470em",
    };

    /// <summary>Horizontal spaces by command, in em.</summary>
    public static readonly Dictionary<string, string> Spaces = new(StringComparer.Ordinal)
    {
        [","] = "0.1667em", [":"] = "0.2222em", [">"] = "0.2222em", [";"] = "0.2778em", ["!"] = "-0.1667em",
        ["quad"] = "1em", ["qquad"] = "2em", ["thinspace"] = "0.1667em", ["medspace"] = "0.2222em",
        ["thickspace"] = "0.2778em", ["enspace"] = "0.5em", ["negthinspace"] = "-0.1667em",
    };

    /// <summary>Accents: command → (mark, stretchy, over).</summary>
    public static readonly Dictionary<string, (string Mark, bool Stretchy, bool Over)> Accents = new(StringComparer.Ordinal)
    {
        ["hat"] = ("^", false, true), ["widehat"] = ("^", true, true), ["bar"] = ("¯", false, true),
        ["overline"] = ("‾", true, true), ["tilde"] = ("~", false, true), ["widetilde"] = ("~", true, true),
        ["vec"] = ("→", false, true), ["overrightarrow"] = ("→", true, true), ["dot"] = ("˙", false, true),
        ["ddot"] = ("¨", false, true), ["check"] = ("ˇ", false, true), ["breve"] = ("˘", false, true),
        ["acute"] = ("´", false, true), ["grave"] = ("`", false, true), ["underline"] = ("_", true, false),
    };

    /// <summary>Negated forms used by <c>\not</c>.</summary>
    public static readonly Dictionary<string, string> Negations = new(StringComparer.Ordinal)
    {
        ["="] = "≠", ["<"] = "≮", [">"] = "≯", ["∈"] = "∉", ["≤"] = "≰", ["≥"] = "≱", ["≡"] = "≢", ["∼"] = "≁",
        ["≈"] = "≉", ["⊂"] = "⊄", ["⊆"] = "⊈", ["⊃"] = "⊅", ["⊇"] = "⊉", ["∣"] = "∤", ["∥"] = "∦", ["≃"] = "≄", ["≅"] = "≇",
    };

    private static Dictionary<string, (string, SymbolKind)> Build()
    {
        var d = new Dictionary<string, (string, SymbolKind)>(StringComparer.Ordinal);
        void Op(string chars, params string[] names) { foreach (var n in names) d[n] = (chars, SymbolKind.Operator); }
        void Id(string chars, params string[] names) { foreach (var n in names) d[n] = (chars, SymbolKind.Identifier); }
        Op("≤", "le", "leq"); Op("≥", "ge", "geq"); Op("≠", "ne", "neq"); Op("≈", "approx"); Op("⋅", "cdot");
        Op("×", "times"); Op("±", "pm"); Op("∓", "mp"); Op("∈", "in"); Op("∉", "notin"); Op("∋", "ni");
        Op("∼", "sim"); Op("≃", "simeq"); Op("≅", "cong"); Op("∣", "mid"); Op("∝", "propto"); Op("≡", "equiv");
        Op("→", "to", "rightarrow"); Op("⇒", "Rightarrow"); Op("←", "leftarrow", "gets"); Op("⇐", "Leftarrow");
        Op("↔", "leftrightarrow"); Op("⇔", "Leftrightarrow"); Op("⟺", "iff"); Op("⟹", "implies"); Op("⟸", "impliedby");
        Op("↦", "mapsto"); Op("⟶", "longrightarrow"); Op("⟵", "longleftarrow"); Op("⟹", "Longrightarrow");
        Op("↑", "uparrow"); Op("↓", "downarrow"); Op("⇑", "Uparrow"); Op("⇓", "Downarrow");
        Op("∀", "forall"); Op("∃", "exists"); Op("∄", "nexists"); Op("¬", "neg", "lnot");
        Op("…", "ldots", "dots", "dotsc"); Op("⋯", "cdots", "dotsb", "dotsm"); Op("⋮", "vdots"); Op("⋱", "ddots");
        Op("⊂", "subset"); Op("⊆", "subseteq"); Op("⊃", "supset"); Op("⊇", "supseteq"); Op("∪", "cup"); Op("∩", "cap");
        Op("∖", "setminus", "backslash"); Op("∘", "circ"); Op("∙", "bullet"); Op("⋆", "star"); Op("∗", "ast");
        Op("÷", "div"); Op("≪", "ll"); Op("≫", "gg"); Op("⊥", "perp"); Op("∥", "parallel"); Op("∧", "land", "wedge");
        Op("∨", "lor", "vee"); Op("⊕", "oplus"); Op("⊗", "otimes"); Op("⊙", "odot"); Op("≜", "triangleq");
        Op("≔", "coloneqq"); Op("≐", "doteq"); Op("≺", "prec"); Op("≻", "succ"); Op("⪯", "preceq"); Op("⪰", "succeq");
        Op("⊢", "vdash"); Op("⊨", "models"); Op("∴", "therefore"); Op("∵", "because"); Op(":", "colon");
        Op("⟨", "langle"); Op("⟩", "rangle"); Op("⌊", "lfloor"); Op("⌋", "rfloor"); Op("⌈", "lceil"); Op("⌉", "rceil");
        Op("|", "vert", "lvert", "rvert"); Op("‖", "Vert", "lVert", "rVert", "|"); Op("{", "{", "lbrace"); Op("}", "}", "rbrace");
        Op("†", "dagger"); Op("‡", "ddagger"); Op("⊔", "sqcup"); Op("⊓", "sqcap"); Op("≍", "asymp"); Op("≲", "lesssim");
        Op("≳", "gtrsim"); Op("⪅", "lessapprox"); Op("⩽", "leqslant"); Op("⩾", "geqslant"); Op("∠", "angle");
        Op("%", "%"); Op("&", "&"); Op("#", "#");
        Id("∞", "infty"); Id("∂", "partial"); Id("∇", "nabla"); Id("ℓ", "ell"); Id("ℏ", "hbar"); Id("ℜ", "Re");
        Id("ℑ", "Im"); Id("ℵ", "aleph"); Id("∅", "emptyset", "varnothing"); Id("′", "prime"); Id("⊤", "top");
        Id("⊥", "bot"); Id("⊺", "intercal"); Id("°", "degree"); Id("$", "$"); Id("_", "_"); Id("□", "square", "Box");
        Id("△", "triangle"); Id("✓", "checkmark");
        return d;
    }

    /// <summary>
    /// <paramref name="c"/> in <paramref name="font"/> as Unicode mathematical alphanumerics (MathML Core
    /// draws <c>mathvariant</c> only as "normal", so bold and blackboard letters must be these code points).
    /// </summary>
    public static string Styled(char c, MathFont font)
    {
        int? cp = font switch
        {
            MathFont.Bold => Latin(c, 0x1D400, 0x1D41A, 0x1D7CE) ?? GreekStyled(c, 0x1D6A8),
            MathFont.Italic => c == 'h' ? 0x210E : Latin(c, 0x1D434, 0x1D44E, null) ?? GreekStyled(c, 0x1D6E2),
            MathFont.BoldItalic => Latin(c, 0x1D468, 0x1D482, 0x1D7CE) ?? GreekStyled(c, 0x1D71C),
            MathFont.Script => Hole(c, "BℬEℰFℱHℋIℐLℒMℳRℛeℯgℊoℴ") ?? Latin(c, 0x1D49C, 0x1D4B6, null),
            MathFont.DoubleStruck => Hole(c, "CℂHℍNℕPℙQℚRℝZℤ") ?? Latin(c, 0x1D538, 0x1D552, 0x1D7D8),
            MathFont.SansSerif => Latin(c, 0x1D5A0, 0x1D5BA, 0x1D7E2),
            MathFont.Fraktur => Hole(c, "CℭHℌIℑRℜZℨ") ?? Latin(c, 0x1D504, 0x1D51E, null),
            MathFont.Monospace => Latin(c, 0x1D670, 0x1D68A, 0x1D7F6),
            _ => null,
        };
        return cp is { } v ? char.ConvertFromUtf32(v) : c.ToString();
    }

    private static int? Latin(char c, int upper, int lower, int? digits) => c switch
    {
        >= 'A' and <= 'Z' => upper + (c - 'A'),
        >= 'a' and <= 'z' => lower + (c - 'a'),
        >= '0' and <= '9' when digits is { } d => d + (c - '0'),
        _ => null,
    };

    private static int? GreekStyled(char c, int baseCp) => c switch
    {
        >= 'Α' and <= 'Ω' when c != '\u03A2' => baseCp + (c - 'Α'),
        >= 'α' and <= 'ω' => baseCp + 0x1A + (c - 'α'),
        'ϵ' => baseCp + 0x34, 'ϑ' => baseCp + 0x35, 'ϰ' => baseCp + 0x36, 'ϕ' => baseCp + 0x37,
        'ϱ' => baseCp + 0x38, 'ϖ' => baseCp + 0x39,
        '∇' => baseCp + 0x19, '∂' => baseCp + 0x33,
        _ => null,
    };

    // Letters Unicode had already encoded in the Letterlike Symbols block before the math alphabets.
    private static int? Hole(char c, string pairs)
    {
        for (var i = 0; i < pairs.Length; i += 2)
            if (pairs[i] == c) return pairs[i + 1];
        return null;
    }

    /// <summary>Escapes text for an XML/HTML element body or a double-quoted attribute.</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("<>&\"") < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
        {
            sb.Append(ch switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                _ => ch.ToString(),
            });
        }
        return sb.ToString();
    }
}
