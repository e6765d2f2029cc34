using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ClassicML.Notebooks.Documents;

/// <summary>
/// Checks an .ipynb JSON tree against the nbformat 4.5 schema rules that matter to this course: required keys
/// and their types, cell ids (pattern <c>^[a-zA-Z0-9-_]+$</c>, 1–64 characters, unique), the shape of each
/// output type, and MIME bundles whose values are a string or a list of strings (any JSON for <c>*+json</c> types).
/// </summary>
/// <remarks>A focused re-statement of <c>nbformat.v4.5.schema.json</c> (Jupyter, BSD-3-Clause), not the schema itself.</remarks>
public static partial class NbformatValidator
{
    [GeneratedRegex("^[a-zA-Z0-9-_]+$")]
    private static partial Regex CellIdPattern();

    /// <summary>Returns every rule <paramref name="notebookJson"/> breaks, as "path: problem"; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(string notebookJson)
    {
        ArgumentNullException.ThrowIfNull(notebookJson);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(notebookJson);
        }
        catch (System.Text.Json.JsonException e)
        {
            return [$"$: not valid JSON ({e.Message})"];
        }
        return Validate(root);
    }

    /// <summary>Returns every rule <paramref name="root"/> breaks, as "path: problem"; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(JsonNode? root)
    {
        var errors = new List<string>();
        if (root is not JsonObject nb)
        {
            errors.Add("$: a notebook must be a JSON object");
            return errors;
        }
        OnlyKeys(nb, "$", errors, "cells", "metadata", "nbformat", "nbformat_minor");
        if (!IsInt(nb["nbformat"], out var major) || major != 4) errors.Add("$.nbformat: must be the integer 4");
        if (!IsInt(nb["nbformat_minor"], out var minor) || minor < 5) errors.Add("$.nbformat_minor: must be an integer ≥ 5 (4.5 requires cell ids)");
        if (nb["metadata"] is not JsonObject meta) errors.Add("$.metadata: required object");
        else ValidateNotebookMetadata(meta, errors);

        if (nb["cells"] is not JsonArray cells)
        {
            errors.Add("$.cells: required array");
            return errors;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            var path = $"$.cells[{i}]";
            if (cells[i] is not JsonObject cell)
            {
                errors.Add($"{path}: a cell must be an object");
                continue;
            }
            ValidateCell(cell, path, ids, errors);
        }
        return errors;
    }

    private static void ValidateNotebookMetadata(JsonObject meta, List<string> errors)
    {
        if (meta["kernelspec"] is { } ks)
        {
            if (ks is not JsonObject k) errors.Add("$.metadata.kernelspec: must be an object");
            else
            {
                if (!IsString(k["name"])) errors.Add("$.metadata.kernelspec.name: required string");
                if (!IsString(k["display_name"])) errors.Add("$.metadata.kernelspec.display_name: required string");
            }
        }
        if (meta["language_info"] is { } li && (li is not JsonObject l || !IsString(l["name"])))
            errors.Add("$.metadata.language_info: must be an object with a string \"name\"");
    }

    private static void ValidateCell(JsonObject cell, string path, HashSet<string> ids, List<string> errors)
    {
        if (cell["id"] is not JsonValue idNode || !idNode.TryGetValue<string>(out var id))
            errors.Add($"{path}.id: required string in nbformat 4.5");
        else if (id.Length is < 1 or > 64 || !CellIdPattern().IsMatch(id))
            errors.Add($"{path}.id: '{id}' must match ^[a-zA-Z0-9-_]+$ and be 1–64 characters long");
        else if (!ids.Add(id))
            errors.Add($"{path}.id: '{id}' is not unique");

        if (cell["metadata"] is not JsonObject) errors.Add($"{path}.metadata: required object");
        if (!IsMultiline(cell["source"])) errors.Add($"{path}.source: required string or list of strings");

        var type = (cell["cell_type"] as JsonValue)?.TryGetValue<string>(out var t) == true ? t : null;
        switch (type)
        {
            case "code":
                OnlyKeys(cell, path, errors, "id", "cell_type", "metadata", "source", "outputs", "execution_count");
                if (!cell.ContainsKey("execution_count") || !(cell["execution_count"] is null || IsInt(cell["execution_count"], out _)))
                    errors.Add($"{path}.execution_count: required integer or null");
                if (cell["outputs"] is not JsonArray outputs) errors.Add($"{path}.outputs: required array");
                else
                {
                    for (var i = 0; i < outputs.Count; i++) ValidateOutput(outputs[i], $"{path}.outputs[{i}]", errors);
                }
                break;
            case "markdown":
            case "raw":
                OnlyKeys(cell, path, errors, "id", "cell_type", "metadata", "source", "attachments");
                break;
            default:
                errors.Add($"{path}.cell_type: must be \"code\", \"markdown\" or \"raw\"");
                break;
        }
    }

    private static void ValidateOutput(JsonNode? node, string path, List<string> errors)
    {
        if (node is not JsonObject o)
        {
            errors.Add($"{path}: an output must be an object");
            return;
        }
        var type = (o["output_type"] as JsonValue)?.TryGetValue<string>(out var t) == true ? t : null;
        switch (type)
        {
            case "stream":
                OnlyKeys(o, path, errors, "output_type", "name", "text");
                if (!IsString(o["name"])) errors.Add($"{path}.name: required string (stdout or stderr)");
                if (!IsMultiline(o["text"])) errors.Add($"{path}.text: required string or list of strings");
                break;
            case "display_data":
                OnlyKeys(o, path, errors, "output_type", "data", "metadata", "transient");
                ValidateBundle(o["data"], $"{path}.data", errors);
                if (o["metadata"] is not JsonObject) errors.Add($"{path}.metadata: required object");
                break;
            case "execute_result":
                OnlyKeys(o, path, errors, "output_type", "data", "metadata", "execution_count");
                ValidateBundle(o["data"], $"{path}.data", errors);
                if (o["metadata"] is not JsonObject) errors.Add($"{path}.metadata: required object");
                if (!o.ContainsKey("execution_count") || !(o["execution_count"] is null || IsInt(o["execution_count"], out _)))
                    errors.Add($"{path}.execution_count: required integer or null");
                break;
            case "error":
                OnlyKeys(o, path, errors, "output_type", "ename", "evalue", "traceback");
                if (!IsString(o["ename"])) errors.Add($"{path}.ename: required string");
                if (!IsString(o["evalue"])) errors.Add($"{path}.evalue: required string");
                if (o["traceback"] is not JsonArray tb || tb.Any(x => !IsString(x)))
                    errors.Add($"{path}.traceback: required list of strings");
                break;
            default:
                errors.Add($"{path}.output_type: must be stream, display_data, execute_result or error");
                break;
        }
    }

    private static void ValidateBundle(JsonNode? node, string path, List<string> errors)
    {
        if (node is not JsonObject bundle)
        {
            errors.Add($"{path}: required object (a MIME bundle)");
            return;
        }
        foreach (var (mime, value) in bundle)
        {
            if (!mime.Contains('/')) errors.Add($"{path}: '{mime}' is not a MIME type");
            // nbformat: JSON MIME types may hold any JSON; all others a string or a list of strings.
            if (!MimeValue.IsJsonMimeType(mime) && !IsMultiline(value))
                errors.Add($"{path}.{mime}: must be a string or a list of strings");
        }
    }

    // Every allowed key is required except the optional ones nbformat lists (attachments, transient).
    private static void OnlyKeys(JsonObject o, string path, List<string> errors, params string[] allowed)
    {
        foreach (var key in allowed)
        {
            if (key is not ("attachments" or "transient") && !o.ContainsKey(key)) errors.Add($"{path}.{key}: required");
        }
        foreach (var (key, _) in o)
        {
            if (!allowed.Contains(key)) errors.Add($"{path}.{key}: not allowed here (nbformat 4.5 has no such field)");
        }
    }

    private static bool IsString(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out _);

    private static bool IsInt(JsonNode? node, out int value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number && v.TryGetValue(out value);
    }

    private static bool IsMultiline(JsonNode? node) => IsString(node) || node is JsonArray a && a.All(IsString);
}
