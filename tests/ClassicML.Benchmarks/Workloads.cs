using System.Diagnostics;
using System.Globalization;

namespace ClassicML.Benchmarks;

/// <summary>
/// The workloads compared with numpy/scikit-learn: each builds its inputs once (outside the timing) and returns a
/// function that runs the timed work and returns a small check value (a loss, a coefficient) for the table.
/// </summary>
public static class Workloads
{
    /// <summary>Workload name → factory taking the data folder.</summary>
    public static readonly Dictionary<string, Func<string, Func<object>>> All = new()
    {
    };

    /// <summary>Workloads in table order with the target each must reach.</summary>
    public static readonly (string Name, string Target)[] Targets =
    [
        ("logistic-1M-x2", "≥ 5× numpy; ≤ 3× bandwidth limit"),
        ("logistic-100k-x50", "≥ 5× numpy; ≤ 3× bandwidth limit"),
        ("gmm-200k-k5", "≥ 4× scikit-learn"),
        ("lstsq-normal-1M-x20", "≤ 1.5× numpy+OpenBLAS time"),
        ("lstsq-qr-1M-x20", "≥ 2× numpy QR"),
    ];

    /// <summary>Whether the Python side has this workload.</summary>
    public static bool HasPython(string name) => !name.StartsWith("course", StringComparison.Ordinal);

    /// <summary>Bytes a run must read at least (for the bandwidth limit), or 0 when not bandwidth-bound.</summary>
    public static double BytesPerRun(string name) => name switch
    {
        // 300 epochs, each reading X (N·D doubles) and y (N doubles) once in a fused pass.
        "logistic-1M-x2" => 300.0 * 1_000_000 * (2 + 1) * 8,
        "logistic-100k-x50" => 300.0 * 100_000 * (50 + 1) * 8,
        _ => 0,
    };

    /// <summary>Judges a row against its target: "yes", "no (by …)" or "–".</summary>
    public static string Met(string name, double? cs, double? ratio, string note)
    {
        string Judge(bool ok, string shortBy) => ok ? "yes" : "no (" + shortBy + ")";
        switch (name)
        {
            case "logistic-1M-x2":
            case "logistic-100k-x50":
                if (ratio is null || cs is null) return "–";
                var limit = BytesPerRun(name) / MaxBandwidth;
                var ok = ratio >= 5 && cs / limit <= 3;
                return Judge(ok, string.Create(CultureInfo.InvariantCulture, $"{ratio:0.0}× numpy, {cs / limit:0.0}× limit"));
            case "gmm-200k-k5":
                return ratio is null ? "–" : Judge(ratio >= 4, string.Create(CultureInfo.InvariantCulture, $"{ratio:0.0}×"));
            case "lstsq-normal-1M-x20":
                return ratio is null ? "–" : Judge(1 / ratio <= 1.5, string.Create(CultureInfo.InvariantCulture, $"{1 / ratio:0.00}× numpy's time"));
            case "lstsq-qr-1M-x20":
                return ratio is null ? "–" : Judge(ratio >= 2, string.Create(CultureInfo.InvariantCulture, $"{ratio:0.0}×"));
            case "course-check-cold":
                return cs is null ? "–" : Judge(cs < 20, string.Create(CultureInfo.InvariantCulture, $"{cs:0.0} s"));
            default:
                return "–";
        }
    }

    /// <summary>Set by the comparison before judging: the best measured streaming bandwidth, bytes/s.</summary>
    public static double MaxBandwidth { get; set; } = double.NaN;

    /// <summary>The whole-course rows: <c>check</c> of every notebook from a cold process, and one warm cell.</summary>
    public static IEnumerable<(string Name, string Target, double? Seconds, long? Peak, string Note)> CourseRows(string root, string dotnet)
    {
        yield break;
    }
}
