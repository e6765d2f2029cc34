using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Margins;

/// <summary>
/// A validated binary training set copied once into contiguous row-major storage, so the hot loops read
/// sample <c>i</c> as one span <c>x[i·n .. i·n+n)</c> instead of walking MathNet's column-major layout.
/// </summary>
internal sealed class LabeledData
{
    private LabeledData(double[] rows, double[] labels, int count, int dimension)
    {
        Rows = rows;
        Labels = labels;
        Count = count;
        Dimension = dimension;
    }

    /// <summary>Row-major features: sample i occupies <c>[i·Dimension, (i+1)·Dimension)</c>.</summary>
    public double[] Rows { get; }

    /// <summary>Labels, each exactly −1 or +1.</summary>
    public double[] Labels { get; }

    /// <summary>N, the number of samples.</summary>
    public int Count { get; }

    /// <summary>n, the number of features.</summary>
    public int Dimension { get; }

    /// <summary>Sample i as a span.</summary>
    public ReadOnlySpan<double> Row(int i) => Rows.AsSpan(i * Dimension, Dimension);

    /// <summary>
    /// Checks <paramref name="x"/> (N×n, finite) and <paramref name="y"/> (length N, every entry −1 or +1)
    /// and copies them. Throws <see cref="ArgumentException"/> naming the offending parameter.
    /// </summary>
    public static LabeledData From(Matrix<double> x, Vector<double> y, bool requireBothClasses = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.RowCount == 0 || x.ColumnCount == 0)
            throw new ArgumentException("The feature matrix is empty; pass one row per sample and at least one feature column.", nameof(x));
        if (y.Count != x.RowCount)
            throw new ArgumentException($"x has {x.RowCount} rows but y has {y.Count} labels; pass one label per row of x.", nameof(y));
        int count = x.RowCount, dimension = x.ColumnCount;
        var rows = new double[count * dimension];
        var labels = new double[count];
        bool sawPositive = false, sawNegative = false;
        for (int i = 0; i < count; i++)
        {
            double label = y[i];
            if (label != 1.0 && label != -1.0)
                throw new ArgumentException($"Label y[{i}] is {label}; labels must be exactly −1 or +1 (map a 0/1 coding with y = 2·t − 1).", nameof(y));
            labels[i] = label;
            sawPositive |= label > 0;
            sawNegative |= label < 0;
            for (int k = 0; k < dimension; k++)
            {
                double v = x[i, k];
                if (!double.IsFinite(v))
                    throw new ArgumentException($"x[{i},{k}] is {v}; every feature must be a finite number. Remove or impute missing values first.", nameof(x));
                rows[i * dimension + k] = v;
            }
        }
        if (requireBothClasses && !(sawPositive && sawNegative))
            throw new ArgumentException("y contains only one class; a separating hyperplane needs at least one +1 and one −1 sample.", nameof(y));
        return new LabeledData(rows, labels, count, dimension);
    }
}
