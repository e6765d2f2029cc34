using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClassicML.Notebooks.Documents;

/// <summary>
/// Reads and writes Jupyter notebooks (<c>.ipynb</c>, nbformat 4.5) as Polyglot Notebooks uses them: kernelspec
/// <c>.net-csharp</c>, <c>polyglot_notebook.kernelInfo</c> in the notebook metadata and
/// <c>polyglot_notebook.kernelName</c> in each code cell's metadata.
/// </summary>
/// <remarks>
/// Output is laid out as nbformat writes it (<see cref="JupyterJson"/>): sorted keys, one-space indent, text as
/// lists of lines, a final newline. Fields this model does not know are kept, and sources and MIME values keep
/// the JSON shape they were read in while unchanged, so reading and writing a notebook in that layout gives the
/// same bytes. Cells without an id get a deterministic one (index + hash of kind and source), so generating
/// the same notebook twice gives the same file.
/// </remarks>
public static class IpynbFormat
{
    /// <summary>Parses the JSON text of an .ipynb file.</summary>
    /// <exception cref="FormatException">The text is not a JSON object with a <c>cells</c> array, or nbformat is not 4.</exception>
    public static Notebook Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("An .ipynb file must hold a JSON object.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"The .ipynb file is not valid JSON: {e.Message}", e);
        }
        if (root["nbformat"] is not JsonValue major || !major.TryGetValue<int>(out var m) || m != 4)
            throw new FormatException("Only nbformat 4 notebooks are supported (the file's \"nbformat\" is not 4).");

        var notebook = new Notebook
        {
            Metadata = root["metadata"] as JsonObject is { } meta ? (JsonObject)meta.DeepClone() : [],
            NbFormatMinor = root["nbformat_minor"] is JsonValue minor && minor.TryGetValue<int>(out var n) ? n : 5,
        };
        var defaultKernel = notebook.DefaultKernelName;
        if (root["cells"] is not JsonArray cells)
            throw new FormatException("The .ipynb file has no \"cells\" array.");
        foreach (var node in cells)
        {
            if (node is JsonObject cellObject) notebook.Cells.Add(ParseCell(cellObject, defaultKernel));
            else throw new FormatException("Each entry of \"cells\" must be a JSON object.");
        }
        foreach (var (key, value) in root)
        {
            if (key is not ("cells" or "metadata" or "nbformat" or "nbformat_minor"))
                notebook.ExtraFields[key] = value?.DeepClone();
        }
        return notebook;
    }

    /// <summary>Writes <paramref name="notebook"/> (with its outputs) as nbformat 4.5 JSON text.</summary>
    public static string Write(Notebook notebook) => JupyterJson.Write(ToJson(notebook));

    /// <summary>The notebook as an nbformat 4.5 JSON object.</summary>
    public static JsonObject ToJson(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var metadata = (JsonObject)notebook.Metadata.DeepClone();
        // Polyglot needs these to open the notebook with the C# kernel; fill in whatever is missing.
        foreach (var (key, value) in Notebook.DefaultMetadata())
        {
            if (!metadata.ContainsKey(key)) metadata[key] = value?.DeepClone();
        }

        var cells = new JsonArray();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            var id = cell.Id ?? DeriveId(i, cell);
            while (!ids.Add(id)) id = DeriveId(i, cell, id);
            cells.Add(CellToJson(cell, id));
        }

        var root = new JsonObject();
        foreach (var (key, value) in notebook.ExtraFields) root[key] = value?.DeepClone();
        root["cells"] = cells;
        root["metadata"] = metadata;
        root["nbformat"] = 4;
        root["nbformat_minor"] = Math.Max(notebook.NbFormatMinor, 5);
        return root;
    }

    /// <summary>The metadata of a code cell run by <paramref name="kernelName"/>, as Polyglot writes it.</summary>
    public static JsonObject CodeCellMetadata(string kernelName) => new()
    {
        ["dotnet_interactive"] = new JsonObject { ["language"] = kernelName },
        ["polyglot_notebook"] = new JsonObject { ["kernelName"] = kernelName },
    };

    /// <summary>A deterministic nbformat cell id: 16 hex digits of SHA-256 over the cell's index, kind and source.</summary>
    public static string DeriveId(int index, Cell cell, string? salt = null)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var text = $"{index}\n{cell.Kind}\n{cell.KernelName}\n{cell.Source}\n{salt}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash)[..16];
    }

    /// <summary>Splits text into lines that keep their <c>\n</c> (nbformat's multiline string form).</summary>
    public static JsonArray ToLines(string text)
    {
        var array = new JsonArray();
        foreach (var line in DibFormat.SplitLinesKeepEnds(text)) array.Add(line);
        return array;
    }

    private static Cell ParseCell(JsonObject o, string defaultKernel)
    {
        var type = o["cell_type"]?.GetValue<string>() ?? throw new FormatException("A cell has no \"cell_type\".");
        var metadata = o["metadata"] as JsonObject is { } md ? (JsonObject)md.DeepClone() : [];
        var kind = type switch
        {
            "code" => CellKind.Code,
            "markdown" => CellKind.Markdown,
            "raw" => CellKind.Markdown,
            _ => throw new FormatException($"Unknown cell_type \"{type}\"; expected code, markdown or raw."),
        };
        string? kernel = null;
        if (metadata["polyglot_notebook"]?["kernelName"] is JsonValue k && k.TryGetValue<string>(out var kn)) kernel = kn;
        else if (metadata["dotnet_interactive"]?["language"] is JsonValue l && l.TryGetValue<string>(out var ln)) kernel = ln;
        kernel ??= type switch { "markdown" => Cell.MarkdownKernel, "raw" => "raw", _ => defaultKernel };

        var sourceNode = o["source"] ?? new JsonArray();
        var source = ReadMultiline(sourceNode, "source");
        var cell = new Cell(kind, source, kernel)
        {
            Id = o["id"] is JsonValue idValue && idValue.TryGetValue<string>(out var id) ? id : null,
            Metadata = metadata,
            RawIpynbSource = (source, sourceNode.DeepClone()),
        };
        if (o["execution_count"] is JsonValue ec && ec.TryGetValue<int>(out var count)) cell.ExecutionCount = count;
        if (o["outputs"] is JsonArray outputs)
        {
            foreach (var output in outputs.OfType<JsonObject>()) cell.Outputs.Add(ParseOutput(output));
        }
        foreach (var (key, value) in o)
        {
            if (key is not ("cell_type" or "id" or "metadata" or "source" or "outputs" or "execution_count"))
                cell.ExtraFields[key] = value?.DeepClone();
        }
        return cell;
    }

    private static JsonObject CellToJson(Cell cell, string id)
    {
        var o = new JsonObject();
        foreach (var (key, value) in cell.ExtraFields) o[key] = value?.DeepClone();
        var metadata = (JsonObject)cell.Metadata.DeepClone();
        o["id"] = id;
        o["source"] = cell.RawIpynbSource is { } raw && raw.Text == cell.Source ? raw.Node.DeepClone() : ToLines(cell.Source);
        if (cell.Kind == CellKind.Code)
        {
            o["cell_type"] = "code";
            foreach (var (key, value) in CodeCellMetadata(cell.KernelName))
            {
                var existing = metadata[key] as JsonObject;
                if (existing is null) metadata[key] = value!.DeepClone();
                else foreach (var (k, v) in (JsonObject)value!) existing[k] = v?.DeepClone();
            }
            o["execution_count"] = cell.ExecutionCount;
            var outputs = new JsonArray();
            foreach (var output in cell.Outputs) outputs.Add(OutputToJson(output));
            o["outputs"] = outputs;
        }
        else
        {
            // Raw cells have no kind of their own in this model: they are text cells of the "raw" kernel.
            o["cell_type"] = cell.KernelName == "raw" ? "raw" : "markdown";
        }
        o["metadata"] = metadata;
        return o;
    }

    private static string ReadMultiline(JsonNode node, string what) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray a => string.Concat(a.Select(x => x is JsonValue xv && xv.TryGetValue<string>(out var line)
            ? line
            : throw new FormatException($"\"{what}\" must be a string or a list of strings."))),
        _ => throw new FormatException($"\"{what}\" must be a string or a list of strings."),
    };

    private static CellOutput ParseOutput(JsonObject o)
    {
        var type = o["output_type"]?.GetValue<string>() ?? throw new FormatException("An output has no \"output_type\".");
        CellOutput output;
        string[] known;
        switch (type)
        {
            case "stream":
                output = new StreamOutput(o["name"]?.GetValue<string>() ?? "stdout", ReadMultiline(o["text"] ?? "", "text"));
                known = ["output_type", "name", "text"];
                break;
            case "display_data":
                output = new DisplayDataOutput(ParseBundle(o["data"] as JsonObject))
                {
                    Metadata = o["metadata"] is JsonObject dm ? (JsonObject)dm.DeepClone() : [],
                };
                known = ["output_type", "data", "metadata"];
                break;
            case "execute_result":
                output = new ExecuteResultOutput(ParseBundle(o["data"] as JsonObject),
                    o["execution_count"] is JsonValue c && c.TryGetValue<int>(out var n) ? n : null)
                {
                    Metadata = o["metadata"] is JsonObject em ? (JsonObject)em.DeepClone() : [],
                };
                known = ["output_type", "data", "metadata", "execution_count"];
                break;
            case "error":
                output = new ErrorOutput(
                    o["ename"]?.GetValue<string>() ?? "",
                    o["evalue"]?.GetValue<string>() ?? "",
                    o["traceback"] is JsonArray tb ? tb.Select(x => x?.GetValue<string>() ?? "").ToArray() : []);
                known = ["output_type", "ename", "evalue", "traceback"];
                break;
            default:
                throw new FormatException($"Unknown output_type \"{type}\"; expected stream, display_data, execute_result or error.");
        }
        foreach (var (key, value) in o)
        {
            if (!known.Contains(key)) output.ExtraFields[key] = value?.DeepClone();
        }
        return output;
    }

    private static MimeBundle ParseBundle(JsonObject? data)
    {
        var bundle = new MimeBundle();
        if (data is null) return bundle;
        foreach (var (mime, value) in data)
        {
            bundle.Set(new MimeValue(mime, MimeText(mime, value)) { RawNode = value?.DeepClone() });
        }
        return bundle;
    }

    /// <summary>The text of a MIME value: JSON text for a JSON type stored as JSON, else the (joined) string.</summary>
    private static string MimeText(string mime, JsonNode? value)
    {
        if (MimeValue.IsJsonMimeType(mime) && !(value is JsonValue v && v.TryGetValue<string>(out _)))
            return value?.ToJsonString() ?? "null";
        return ReadMultiline(value ?? "", mime);
    }

    private static JsonObject OutputToJson(CellOutput output)
    {
        var o = new JsonObject();
        foreach (var (key, value) in output.ExtraFields) o[key] = value?.DeepClone();
        o["output_type"] = output.OutputType;
        switch (output)
        {
            case StreamOutput s:
                o["name"] = s.Name;
                o["text"] = ToLines(s.Text);
                break;
            case DisplayDataOutput d:
                o["data"] = BundleToJson(d.Data);
                o["metadata"] = d.Metadata.DeepClone();
                break;
            case ExecuteResultOutput r:
                o["data"] = BundleToJson(r.Data);
                o["execution_count"] = r.ExecutionCount;
                o["metadata"] = r.Metadata.DeepClone();
                break;
            case ErrorOutput e:
                o["ename"] = e.EName;
                o["evalue"] = e.EValue;
                o["traceback"] = new JsonArray(e.Traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
                break;
        }
        return o;
    }

    private static JsonObject BundleToJson(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var value in bundle)
        {
            if (value.RawNode is not null && MimeText(value.MimeType, value.RawNode) == value.Text)
            {
                data[value.MimeType] = value.RawNode.DeepClone();
                continue;
            }
            if (value.IsJson)
            {
                try
                {
                    data[value.MimeType] = JsonNode.Parse(value.Text);
                    continue;
                }
                catch (JsonException)
                {
                    // Not JSON after all: keep it as text rather than lose it.
                }
            }
            data[value.MimeType] = ToLines(value.Text);
        }
        return data;
    }
}
