using System.Text;

namespace ClassicML.Notebooks.Rendering;

/// <summary>
/// A small C# highlighter for the site: wraps comments, strings, numbers, keywords, preprocessor and
/// notebook directives (<c>#r</c>, <c>#!</c>) in <c>&lt;span class="tok-…"&gt;</c>. It scans characters
/// rather than parsing, so it is meant for reading, not for compiling; the text it emits is the code,
/// HTML-escaped.
/// </summary>
internal static class CSharpHighlighter
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "async", "await", "base", "bool", "break", "byte", "case", "catch", "char", "checked",
        "class", "const", "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event",
        "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach", "get", "goto", "if", "implicit",
        "in", "init", "int", "interface", "internal", "is", "lock", "long", "namespace", "new", "null", "object",
        "operator", "out", "override", "params", "private", "protected", "public", "readonly", "record", "ref",
        "return", "sbyte", "sealed", "set", "short", "sizeof", "stackalloc", "static", "string", "struct", "switch",
        "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "var",
        "virtual", "void", "volatile", "while", "yield", "and", "or", "not", "when", "with", "nameof", "let", "from",
        "where", "select", "orderby", "group", "into", "join", "on", "equals", "by", "ascending", "descending", "value",
    };

    /// <summary>The code as HTML with token spans.</summary>
    public static string Highlight(string code)
    {
        var sb = new StringBuilder(code.Length * 2);
        var i = 0;
        var lineStart = true;
        while (i < code.Length)
        {
            var c = code[i];
            if (lineStart && c == '#')
            {
                var end = LineEnd(code, i);
                Span(sb, "tok-pp", code[i..end]);
                i = end;
                continue;
            }
            if (c == '\n') { sb.Append('\n'); i++; lineStart = true; continue; }
            if (c is ' ' or '\t' or '\r') { sb.Append(c); i++; continue; }
            lineStart = false;
            if (c == '/' && i + 1 < code.Length && code[i + 1] == '/')
            {
                var end = LineEnd(code, i);
                Span(sb, "tok-com", code[i..end]);
                i = end;
            }
            else if (c == '/' && i + 1 < code.Length && code[i + 1] == '*')
            {
                var end = code.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? code.Length : end + 2;
                Span(sb, "tok-com", code[i..end]);
                i = end;
            }
            else if (c is '"' or '$' or '@' && StringStart(code, i) is { } s)
            {
                var end = StringEnd(code, i, s);
                Span(sb, "tok-str", code[i..end]);
                i = end;
            }
            else if (c == '\'')
            {
                var j = i + 1;
                while (j < code.Length && code[j] != '\'' && code[j] != '\n') j += code[j] == '\\' ? 2 : 1;
                var end = Math.Min(code.Length, j + 1);
                Span(sb, "tok-str", code[i..end]);
                i = end;
            }
            else if (char.IsAsciiDigit(c))
            {
                var j = i;
                while (j < code.Length && (char.IsAsciiLetterOrDigit(code[j]) || code[j] is '.' or '_')
                       && !(code[j] == '.' && (j + 1 >= code.Length || !char.IsAsciiDigit(code[j + 1]))))
                    j++;
                Span(sb, "tok-num", code[i..j]);
                i = j;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var j = i;
                while (j < code.Length && (char.IsLetterOrDigit(code[j]) || code[j] == '_')) j++;
                var word = code[i..j];
                if (Keywords.Contains(word)) Span(sb, "tok-kw", word);
                else if (char.IsUpper(word[0])) Span(sb, "tok-type", word);
                else sb.Append(TexSymbols.Escape(word));
                i = j;
            }
            else
            {
                sb.Append(TexSymbols.Escape(c.ToString()));
                i++;
            }
        }
        return sb.ToString();
    }

    private static int LineEnd(string code, int i)
    {
        var end = code.IndexOf('\n', i);
        return end < 0 ? code.Length : end;
    }

    private static void Span(StringBuilder sb, string cls, string text) =>
        sb.Append("<span class=\"").Append(cls).Append("\">").Append(TexSymbols.Escape(text)).Append("</span>");

    /// <summary>The kind of string literal starting at <paramref name="i"/>: quotes count and whether verbatim.</summary>
    private static (int Quotes, bool Verbatim, int Prefix)? StringStart(string code, int i)
    {
        var j = i;
        var verbatim = false;
        while (j < code.Length && code[j] is '$' or '@')
        {
            if (code[j] == '@') verbatim = true;
            j++;
        }
        if (j >= code.Length || code[j] != '"') return null;
        var quotes = 0;
        while (j + quotes < code.Length && code[j + quotes] == '"') quotes++;
        // "" is an empty string, """ and more open a raw string literal.
        if (quotes == 2) quotes = 1;
        return (quotes, verbatim, j - i);
    }

    private static int StringEnd(string code, int i, (int Quotes, bool Verbatim, int Prefix) s)
    {
        var j = i + s.Prefix + s.Quotes;
        var close = new string('"', s.Quotes);
        while (j < code.Length)
        {
            if (s.Quotes == 1 && !s.Verbatim && code[j] == '\\') { j += 2; continue; }
            if (s.Quotes == 1 && code[j] == '\n' && !s.Verbatim) return j;
            if (string.CompareOrdinal(code, j, close, 0, close.Length) == 0)
            {
                if (s.Verbatim && s.Quotes == 1 && j + 1 < code.Length && code[j + 1] == '"') { j += 2; continue; }
                return j + close.Length;
            }
            j++;
        }
        return code.Length;
    }
}
