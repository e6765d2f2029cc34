using ClassicML.Linear;
using ClassicML.Numerics;
using ClassicML.Regularization;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Linear;

/// <summary>
/// λ_max(XᵀX), which sets the step of every gradient method, on designs whose columns cancel: the all-ones start vector
/// of a naive power iteration lies in their null space.
/// </summary>
public class GramEigenvalueTests
{
    private static readonly Vector<double> T = Vector<double>.Build.Dense(20, i => 0.1 * (i + 1));

    // Columns t and −t: XᵀX = ‖t‖²[[1, −1], [−1, 1]], λ_max = 2‖t‖², and X·(1, 1) = 0.
    private static readonly Matrix<double> Opposite = Matrix<double>.Build.DenseOfColumnVectors(T, -T);

    private static double Exact(Matrix<double> x) => x.TransposeThisAndMultiply(x).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Real().Maximum();

    [Fact]
    public void Power_iteration_finds_lambda_max_when_the_columns_cancel_and_zero_only_for_a_zero_matrix()
    {
        double Largest(Matrix<double> x) => GramEigenvalue.Largest(x.ColumnCount, (v, gv) =>
            x.TransposeThisAndMultiply(x * Vector<double>.Build.DenseOfArray(v)).CopyTo(Vector<double>.Build.Dense(gv)));
        Assert.Equal(2 * T.DotProduct(T), Largest(Opposite), 9);
        Assert.Equal(Exact(Opposite), Largest(Opposite), 9);
        // Intercept column plus two features that sum to −1 on every row: (1, 1, 1) is in the null space.
        var f = Vector<double>.Build.Dense(20, i => Math.Sin(i));
        var withIntercept = Matrix<double>.Build.DenseOfColumnVectors(Vector<double>.Build.Dense(20, 1.0), f, -1 - f);
        Assert.Equal(Exact(withIntercept), Largest(withIntercept), 8);
        Assert.Equal(0.0, Largest(Matrix<double>.Build.Dense(5, 3)));
    }

    [Fact]
    public void Gradient_descent_fits_cancelling_columns_instead_of_calling_them_zero()
    {
        // y = 3t; from w = 0 gradient descent stays in the row space, so it reaches the minimum-norm solution (1.5, −1.5).
        var fit = new GradientDescentRegression(maxIterations: 100_000, tolerance: 1e-12, fitIntercept: false).Fit(Opposite, 3 * T);
        Assert.True(fit.Converged);
        Assert.Equal(1.5, fit.Coefficients[0], 9);
        Assert.Equal(-1.5, fit.Coefficients[1], 9);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() =>
            new GradientDescentRegression(fitIntercept: false).Fit(Matrix<double>.Build.Dense(5, 2), Vector<double>.Build.Dense(5, 1.0))).ParamName);
    }

    [Theory]
    [InlineData(LassoSolver.Ista)]
    [InlineData(LassoSolver.Fista)]
    public void Proximal_lasso_fits_cancelling_columns_instead_of_returning_zero(LassoSolver solver)
    {
        // Before, λ_max came out 0 here and the solvers returned w = 0 as "converged".
        var m = new Lasso(0.01, solver, tolerance: 1e-14, maxIterations: 1_000_000).Fit(Opposite, 3 * T);
        var cd = new Lasso(0.01, LassoSolver.CoordinateDescent, tolerance: 1e-14, maxIterations: 1_000_000).Fit(Opposite, 3 * T);
        Assert.True(m.Converged);
        Assert.True(m.Coefficients[0] - m.Coefficients[1] > 2.5, $"w = {m.Coefficients}");
        // The objective depends on w₁ − w₂ and |w₁| + |w₂|; every solver must reach the same fitted values.
        var fitted = Opposite * m.Coefficients + m.Intercept;
        var fittedCd = Opposite * cd.Coefficients + cd.Intercept;
        Assert.True((fitted - fittedCd).InfinityNorm() < 1e-8, $"{solver} and coordinate descent fit differently");
    }
}
