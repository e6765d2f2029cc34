using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClassicML.Notebooks.Documents;

/// <summary>
/// Writes JSON the way Jupyter's nbformat does (<c>json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False)</c>
/// plus a final newline): keys sorted, one-space indent, <c>\n</c> line ends, non-ASCII text kept as is.
/// Writing the same tree twice gives the same bytes, so generated notebooks diff cleanly.
/// </summary>
public static class JupyterJson
{
    /// <summary>Serializes <paramref name="node"/> in Jupyter's layout, ending with a newline.</summary>
    public static string Write(JsonNode? node)
    {
        var sb = new StringBuilder();
        WriteNode(sb, node, 0);
        sb.Append('\n');
        return sb.ToString();
    }

    private static void WriteNode(StringBuilder sb, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                if (obj.Count == 0)
                {
                    sb.Append("{}");
                    break;
                }
                sb.Append("{\n");
                var first = true;
                // Python sorts str keys by code point; ordinal UTF-16 order agrees for all but astral characters.
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) sb.Append(",\n");
                    first = false;
                    sb.Append(' ', depth + 1);
                    WriteString(sb, key);
                    sb.Append(": ");
                    WriteNode(sb, value, depth + 1);
                }
                sb.Append('\n').Append(' ', depth).Append('}');
                break;
            case JsonArray array:
                if (array.Count == 0)
                {
                    sb.Append("[]");
                    break;
                }
                sb.Append("[\n");
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) sb.Append(",\n");
                    sb.Append(' ', depth + 1);
                    WriteNode(sb, array[i], depth + 1);
                }
                sb.Append('\n').Append(' ', depth).Append(']');
                break;
            case JsonValue value:
                WriteValue(sb, value);
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(sb, value.GetValue<string>());
                break;
            case JsonValueKind.Number:
                if (value.TryGetValue<double>(out var d) && (double.IsNaN(d) || double.IsInfinity(d)))
                    throw new ArgumentException("A notebook cannot hold NaN or infinity as a JSON number; format the value as text.", nameof(value));
                // A parsed number keeps its original text; a created one is written in its shortest round-trip form.
                sb.Append(value.ToJsonString());
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    /// <summary>Writes a JSON string literal escaping only what Python's json module escapes with ensure_ascii=False.</summary>
    internal static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
