using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace ClassicML.Validation;

/// <summary>
/// The one edge-validation module every estimator's constructor and <c>Fit</c> call (see docs/architecture.md,
/// "Estimator contract"). Every failure is an <see cref="ArgumentException"/> (or <see cref="ArgumentOutOfRangeException"/>,
/// <see cref="ArgumentNullException"/>) whose <c>ParamName</c> is the caller's parameter and whose message says what is
/// wrong and what to do — never a NaN result, a hang or an exception from deep inside a solver.
/// </summary>
internal static class Check
{
    /// <summary>
    /// The largest |entry| an estimator that forms inner products accepts: 1e150, because a squared norm of a row
    /// then stays below about 1e300·n, inside double's range (max ≈ 1.8e308).
    /// </summary>
    public const double MaxScale = 1e150;

    /// <summary>
    /// The smallest non-zero largest-|entry| accepted: 1e-150, because squares of smaller numbers fall below double's
    /// normal range (≈ 2.2e-308) and round to zero, so inner products — and every decision made from them — vanish.
    /// </summary>
    public const double MinScale = 1e-150;

    /// <summary>
    /// The largest |entry| (and 1 / the smallest non-zero one) for estimators that form the Gram matrix X·Xᵀ and then
    /// factor it: 1e75, because the factorisation squares the Gram entries (already squares) once more.
    /// </summary>
    public const double GramScale = 1e75;

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>
    /// Checks a feature matrix: not null, at least <paramref name="minRows"/> rows and one column, every entry finite.
    /// Returns its column-major values (the dense matrix's own array when it has one; read only, never kept).
    /// </summary>
    public static double[] Features(Matrix<double>? x, string name = "x", int minRows = 1)
    {
        ArgumentNullException.ThrowIfNull(x, name);
        if (x.RowCount == 0 || x.ColumnCount == 0)
            throw new ArgumentException($"{name} is empty ({x.RowCount}×{x.ColumnCount}); pass one row per sample and at least one feature column.", name);
        if (x.RowCount < minRows)
            throw new ArgumentException($"{name} has {x.RowCount} row(s) but this fit needs at least {minRows}; give more samples.", name);
        var values = ColumnMajor(x);
        if (!Array.TrueForAll(values, double.IsFinite))
        {
            int k = Array.FindIndex(values, v => !double.IsFinite(v));
            throw new ArgumentException($"{name}[{k % x.RowCount}, {k / x.RowCount}] is {values[k]}; every feature must be a finite number. Remove or impute missing values first.", name);
        }
        return values;
    }

    /// <summary>Checks a target vector: not null, one value per row, every value finite.</summary>
    public static void Targets(Vector<double>? y, int rows, string name = "y")
    {
        ArgumentNullException.ThrowIfNull(y, name);
        if (y.Count != rows)
            throw new ArgumentException($"{name} has {y.Count} values but x has {rows} rows; give one target per row of x.", name);
        for (int i = 0; i < y.Count; i++)
            if (!double.IsFinite(y[i]))
                throw new ArgumentException($"{name}[{i}] is {y[i]}; every target must be a finite number. Remove or impute missing values first.", name);
    }

    /// <summary>
    /// Checks binary class labels: one per row, each exactly <paramref name="negative"/> or <paramref name="positive"/>,
    /// and (when <paramref name="requireBothClasses"/>) both present. The course's two codings are {0, 1}
    /// (probabilistic models: logistic regression) and {−1, +1} (margin models: perceptron, SVM); the message says how to map one to the other.
    /// </summary>
    public static void BinaryLabels(Vector<double>? y, int rows, double negative, double positive, bool requireBothClasses, string name = "y")
    {
        ArgumentNullException.ThrowIfNull(y, name);
        if (y.Count != rows)
            throw new ArgumentException($"{name} has {y.Count} labels but x has {rows} rows; pass one label per row of x.", name);
        bool sawPositive = false, sawNegative = false;
        for (int i = 0; i < y.Count; i++)
        {
            double v = y[i];
            if (v == positive) sawPositive = true;
            else if (v == negative) sawNegative = true;
            else
            {
                var map = negative == 0 ? "map a ±1 coding with t = (y + 1)/2" : "map a 0/1 coding with y = 2·t − 1";
                throw new ArgumentException($"Label {name}[{i}] is {F(v)}; labels must be exactly {Label(negative, negative < 0)} or {Label(positive, negative < 0)} ({map}).", name);
            }
        }
        if (requireBothClasses && !(sawPositive && sawNegative))
            throw new ArgumentException($"{name} contains only one class ({Label(sawPositive ? positive : negative, negative < 0)}); a classifier needs at least one sample of each class.", name);
    }

    /// <summary>
    /// Checks that the features' magnitude lets inner products be formed: the largest |entry| M is 0 or lies in
    /// [1/<paramref name="limit"/>, <paramref name="limit"/>] (<see cref="MaxScale"/> by default, <see cref="GramScale"/> for Gram-matrix methods). Beyond that squared norms overflow to ∞ or underflow to 0, and a
    /// fit would report success on meaningless numbers; the message says to rescale.
    /// </summary>
    public static void Scale(double[] columnMajor, string name = "x", double limit = MaxScale)
    {
        double max = 0;
        foreach (var v in columnMajor) max = Math.Max(max, Math.Abs(v));
        if (max > limit)
            throw new ArgumentException($"The largest |{name}| entry is {F(max)}, beyond {F(limit)}: squared norms and inner products overflow to ∞. Rescale the features (divide by their largest magnitude or standardise them) before fitting.", name);
        if (max > 0 && max < 1 / limit)
            throw new ArgumentException($"The largest |{name}| entry is {F(max)}, below {F(1 / limit)}: squared norms and inner products underflow to 0. Rescale the features (divide by their largest magnitude or standardise them) before fitting.", name);
    }

    /// <summary>Checks that a vector's magnitude lets its square be formed (see <see cref="Scale(double[], string, double)"/>).</summary>
    public static void Scale(Vector<double> v, string name = "y") => Scale(v.ToArray(), name);

    /// <summary>Checks a square-sized work array of <paramref name="count"/>² entries fits in one .NET array, before anything is allocated.</summary>
    public static void SquareSize(int count, string what, string alternative, string name = "x")
    {
        if ((long)count * count > Array.MaxLength)
            throw new ArgumentException($"{what} needs an {count}×{count} matrix ({(long)count * count:N0} entries, {8.0 * count * count / (1L << 30):F1} GiB), more than one array can hold (N ≤ 46,340). {alternative}", name);
    }

    /// <summary>Checks a finite real &gt; 0.</summary>
    public static double Positive(double value, string name, string? hint = null)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0{Hint(hint)}.");
        return value;
    }

    /// <summary>Checks a finite real ≥ 0.</summary>
    public static double NonNegative(double value, string name, string? hint = null)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number ≥ 0{Hint(hint)}.");
        return value;
    }

    /// <summary>Checks an integer ≥ <paramref name="min"/>.</summary>
    public static int AtLeast(int value, int min, string name, string? hint = null)
    {
        if (value < min)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {min}{Hint(hint)}.");
        return value;
    }

    /// <summary>Checks a finite real.</summary>
    public static double Finite(double value, string name)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"{name} is {value}; pass a finite number.", name);
        return value;
    }

    /// <summary>Checks a starting vector: not null, <paramref name="length"/> entries, all finite.</summary>
    public static void Start(Vector<double>? v, int length, string name)
    {
        ArgumentNullException.ThrowIfNull(v, name);
        if (v.Count != length)
            throw new ArgumentException($"{name} has {v.Count} entries but the model has {length} parameters here; pass one per column.", name);
        for (int j = 0; j < v.Count; j++)
            if (!double.IsFinite(v[j]))
                throw new ArgumentException($"{name}[{j}] is {v[j]}; starting values must be finite numbers.", name);
    }

    /// <summary>Checks that new data has the columns the model was fitted on, all finite (for <c>Predict</c>).</summary>
    public static double[] SameFeatures(Matrix<double>? x, int featureCount, string name = "x")
    {
        ArgumentNullException.ThrowIfNull(x, name);
        if (x.ColumnCount != featureCount)
            throw new ArgumentException($"{name} has {x.ColumnCount} columns but the model was fitted on {featureCount} features; pass the same columns.", name);
        if (x.RowCount == 0) return [];
        return Features(x, name);
    }

    /// <summary>The matrix's values in column-major order, without a copy when it is dense.</summary>
    public static double[] ColumnMajor(Matrix<double> x) =>
        x.Storage is DenseColumnMajorMatrixStorage<double> dense ? dense.Data : x.ToColumnMajorArray();

    private static string Label(double v, bool signed) => signed ? (v < 0 ? "−1" : "+1") : F(v);

    private static string Hint(string? hint) => hint is null ? "" : $" ({hint})";
}
