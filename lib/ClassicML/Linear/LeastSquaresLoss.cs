using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Linear;

/// <summary>The mean squared error of a linear model and its gradient, as functions of the coefficients.</summary>
public static class LeastSquaresLoss
{
    /// <summary>
    /// <c>MSE(w) = (1/n)·Σᵢ (dᵢ·w − yᵢ)² = (1/n)‖Dw − y‖²</c> for a design matrix D (ones column included if wanted).
    /// </summary>
    /// <param name="design">The design matrix D, n × p.</param>
    /// <param name="y">Targets, length n.</param>
    /// <param name="w">Coefficients, length p.</param>
    public static double Mse(Matrix<double> design, Vector<double> y, Vector<double> w)
    {
        CheckShapes(design, y, w);
        var r = design * w - y;
        return r.DotProduct(r) / design.RowCount;
    }

    /// <summary>The gradient <c>∇MSE(w) = (2/n)·Dᵀ(Dw − y)</c>.</summary>
    /// <param name="design">The design matrix D, n × p.</param>
    /// <param name="y">Targets, length n.</param>
    /// <param name="w">Coefficients, length p.</param>
    public static Vector<double> MseGradient(Matrix<double> design, Vector<double> y, Vector<double> w)
    {
        CheckShapes(design, y, w);
        return design.TransposeThisAndMultiply(design * w - y) * (2.0 / design.RowCount);
    }

    /// <summary>
    /// The one-feature loss <c>MSE(w₀, w₁) = (1/n)·Σ (w₀ + w₁xᵢ − yᵢ)²</c> on a grid, for surface and contour charts.
    /// Uses the expansion <c>w₀² + 2w₀w₁x̄ + w₁²·mean(x²) − 2w₀ȳ − 2w₁·mean(xy) + mean(y²)</c> about the means,
    /// so each grid point costs O(1) instead of O(n).
    /// </summary>
    /// <param name="x">The feature.</param>
    /// <param name="y">The target.</param>
    /// <param name="w0">Intercept values (the grid's columns, the chart's horizontal axis).</param>
    /// <param name="w1">Slope values (the grid's rows, the chart's vertical axis).</param>
    /// <returns><c>z[i][j] = MSE(w0[j], w1[i])</c>.</returns>
    public static double[][] MseGrid(Vector<double> x, Vector<double> y, IReadOnlyList<double> w0, IReadOnlyList<double> w1)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(w0);
        ArgumentNullException.ThrowIfNull(w1);
        if (x.Count != y.Count || x.Count == 0)
            throw new ArgumentException($"x has {x.Count} and y has {y.Count} values: give the same non-zero number of each.", nameof(y));
        DesignMatrix.RequireFinite(x, nameof(x));
        DesignMatrix.RequireFinite(y, nameof(y));
        var n = x.Count;
        // Centre x and y so the quadratic's coefficients stay small (no cancellation between large sums).
        var xm = x.Sum() / n;
        var ym = y.Sum() / n;
        double sxx = 0, sxy = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] - xm; var dy = y[i] - ym;
            sxx += dx * dx; sxy += dx * dy; syy += dy * dy;
        }
        sxx /= n; sxy /= n; syy /= n;
        var z = new double[w1.Count][];
        for (var i = 0; i < w1.Count; i++)
        {
            z[i] = new double[w0.Count];
            for (var j = 0; j < w0.Count; j++)
            {
                // residual rᵢ = (w₀ + w₁x̄ − ȳ) + (w₁·dxᵢ − dyᵢ); the cross term averages to zero.
                var m = w0[j] + w1[i] * xm - ym;
                z[i][j] = m * m + w1[i] * w1[i] * sxx - 2 * w1[i] * sxy + syy;
            }
        }
        return z;
    }

    private static void CheckShapes(Matrix<double> design, Vector<double> y, Vector<double> w)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(w);
        if (y.Count != design.RowCount)
            throw new ArgumentException($"y has {y.Count} values but the design matrix has {design.RowCount} rows.", nameof(y));
        if (w.Count != design.ColumnCount)
            throw new ArgumentException($"w has {w.Count} values but the design matrix has {design.ColumnCount} columns (the ones column included).", nameof(w));
        if (design.RowCount == 0)
            throw new ArgumentException("The design matrix has no rows.", nameof(design));
    }
}
