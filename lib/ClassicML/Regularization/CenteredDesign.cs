using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Regularization;

/// <summary>
/// The design with its column means and the target mean removed, stored column-major in one contiguous array.
/// </summary>
/// <remarks>
/// Minimising over an unpenalised intercept b first gives b = ȳ − x̄ᵀw, and substituting it back leaves the same
/// problem in w on centred data. So every solver here works on (X − 1x̄ᵀ, y − ȳ) and recovers b at the end.
/// </remarks>
internal sealed class CenteredDesign
{
    public CenteredDesign(Matrix<double> x, Vector<double> y, bool fitIntercept)
    {
        Rows = x.RowCount;
        Columns = x.ColumnCount;
        Data = x.ToColumnMajorArray();
        Target = y.ToArray();
        ColumnMeans = new double[Columns];
        if (fitIntercept)
        {
            for (var j = 0; j < Columns; j++)
            {
                var col = Column(j);
                var mean = TensorPrimitives.Sum(col) / Rows;
                ColumnMeans[j] = mean;
                TensorPrimitives.Subtract(col, mean, col);
            }
            TargetMean = TensorPrimitives.Sum(Target) / Rows;
            TensorPrimitives.Subtract(Target, TargetMean, Target);
        }
        ColumnSquaredNorms = new double[Columns];
        for (var j = 0; j < Columns; j++) ColumnSquaredNorms[j] = TensorPrimitives.SumOfSquares(Column(j));
    }

    public int Rows { get; }
    public int Columns { get; }

    /// <summary>Centred X, column-major: column j is Data[j·n .. (j+1)·n).</summary>
    public double[] Data { get; }

    /// <summary>Centred y.</summary>
    public double[] Target { get; }

    public double[] ColumnMeans { get; }
    public double TargetMean { get; }
    public double[] ColumnSquaredNorms { get; }

    public Span<double> Column(int j) => Data.AsSpan(j * Rows, Rows);

    public Matrix<double> ToMatrix() => Matrix<double>.Build.Dense(Rows, Columns, (double[])Data.Clone());

    /// <summary>b = ȳ − x̄ᵀw.</summary>
    public double Intercept(ReadOnlySpan<double> w) => TargetMean - TensorPrimitives.Dot(ColumnMeans, w);

    /// <summary>residual = y_c − X_c w.</summary>
    public void Residual(ReadOnlySpan<double> w, Span<double> residual)
    {
        Target.CopyTo(residual);
        for (var j = 0; j < Columns; j++)
            if (w[j] != 0) TensorPrimitives.MultiplyAdd(Column(j), -w[j], residual, residual);
    }

    /// <summary>destination_j = x_jᵀ v for every column j (that is, X_cᵀ v).</summary>
    public void TransposeTimes(ReadOnlySpan<double> v, Span<double> destination)
    {
        for (var j = 0; j < Columns; j++) destination[j] = TensorPrimitives.Dot(Column(j), v);
    }
}
