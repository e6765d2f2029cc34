using ClassicML.Validation;
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
    /// Checks <paramref name="x"/> (N×n, finite, largest |entry| in [1e-75, 1e75] so the Gram matrix and its factorisations
    /// neither overflow nor underflow) and <paramref name="y"/> (length N, every entry −1 or +1) through <see cref="Check"/>, and copies them. Throws <see cref="ArgumentException"/> naming the offending parameter.
    /// </summary>
    public static LabeledData From(Matrix<double> x, Vector<double> y, bool requireBothClasses = false)
    {
        var columns = Check.Features(x, nameof(x));
        Check.BinaryLabels(y, x.RowCount, -1.0, 1.0, requireBothClasses, nameof(y));
        Check.Scale(columns, nameof(x), Check.GramScale);
        int count = x.RowCount, dimension = x.ColumnCount;
        var rows = new double[count * dimension];
        var labels = new double[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = y[i];
            for (int k = 0; k < dimension; k++)
                rows[i * dimension + k] = columns[k * count + i];
        }
        return new LabeledData(rows, labels, count, dimension);
    }
}
