using ClassicML.Regularization;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Regularization;

public class RidgeTests
{
    private static Matrix<double> Center(Matrix<double> x) =>
        x - Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (_, j) => x.Column(j).Average());

    [Theory]
    [InlineData(0.01)]
    [InlineData(1.0)]
    [InlineData(25.0)]
    public void Ridge_equals_its_closed_form_and_a_direct_solve(double alpha)
    {
        var x = NormalEquationTable.X;
        var y = NormalEquationTable.Targets;
        var model = new RidgeRegression(alpha).Fit(x, y);

        // Closed form on centred data: w = (X_cᵀX_c + αI)⁻¹ X_cᵀ y_c (via Cholesky, no explicit inverse).
        var xc = Center(x);
        var yc = y - y.Average();
        var closed = (xc.TransposeThisAndMultiply(xc) + alpha * Matrix<double>.Build.DenseIdentity(3)).Cholesky().Solve(xc.TransposeThisAndMultiply(yc));
        Assert.True((model.Coefficients - closed).InfinityNorm() < 1e-10, $"closed form differs: {model.Coefficients} vs {closed}");

        // Direct solve of the full problem in (b, w): the augmented least-squares system [1 X; 0 √αI][b; w] ≈ [y; 0].
        var aug = Matrix<double>.Build.Dense(13, 4);
        for (var i = 0; i < 10; i++) { aug[i, 0] = 1; for (var j = 0; j < 3; j++) aug[i, j + 1] = x[i, j]; }
        for (var j = 0; j < 3; j++) aug[10 + j, j + 1] = Math.Sqrt(alpha);
        var rhs = Vector<double>.Build.Dense(13, i => i < 10 ? y[i] : 0);
        var direct = aug.QR().Solve(rhs);
        Assert.Equal(direct[0], model.Intercept, 10);
        for (var j = 0; j < 3; j++) Assert.Equal(direct[j + 1], model.Coefficients[j], 10);
    }

    [Fact]
    public void Alpha_zero_reproduces_the_published_least_squares_solution()
    {
        var model = new RidgeRegression(0).Fit(NormalEquationTable.X, NormalEquationTable.Targets);
        Assert.Equal(NormalEquationTable.Published[0], model.Intercept, 7);
        for (var j = 0; j < 3; j++) Assert.Equal(NormalEquationTable.Published[j + 1], model.Coefficients[j], 7);
        Assert.Equal(3.0, model.EffectiveDegreesOfFreedom, 12);
    }

    [Fact]
    public void Gradient_of_the_ridge_objective_vanishes_at_the_fit()
    {
        var x = NormalEquationTable.X;
        var y = NormalEquationTable.Targets;
        const double alpha = 0.5;
        var m = new RidgeRegression(alpha).Fit(x, y);
        var r = y - m.Predict(x);
        // ∂/∂w (‖r‖² + α‖w‖²) = −2Xᵀr + 2αw ; ∂/∂b = −2·1ᵀr.
        var gw = -2 * x.TransposeThisAndMultiply(r) + 2 * alpha * m.Coefficients;
        Assert.True(gw.InfinityNorm() < 1e-9);
        Assert.True(Math.Abs(r.Sum()) < 1e-9);
    }

    [Fact]
    public void The_intercept_is_not_penalised()
    {
        var x = NormalEquationTable.X;
        var y = NormalEquationTable.Targets;
        var a = new RidgeRegression(3).Fit(x, y);
        var b = new RidgeRegression(3).Fit(x, y + 100);
        Assert.True((a.Coefficients - b.Coefficients).InfinityNorm() < 1e-10);
        Assert.Equal(a.Intercept + 100, b.Intercept, 9);
    }

    [Fact]
    public void Wide_data_matches_the_closed_form_too()
    {
        var rng = new Random(7);
        var x = Matrix<double>.Build.Dense(5, 12, (_, _) => rng.NextDouble() - 0.5);
        var y = Vector<double>.Build.Dense(5, _ => rng.NextDouble());
        const double alpha = 0.3;
        var model = new RidgeRegression(alpha).Fit(x, y);
        var xc = Center(x);
        var closed = (xc.TransposeThisAndMultiply(xc) + alpha * Matrix<double>.Build.DenseIdentity(12)).Cholesky().Solve(xc.TransposeThisAndMultiply(y - y.Average()));
        Assert.True((model.Coefficients - closed).InfinityNorm() < 1e-10);
    }

    [Fact]
    public void Path_norm_and_degrees_of_freedom_fall_as_alpha_grows()
    {
        var alphas = RegularizationPath.LogGrid(1e3, 1e-4, 40);
        var models = RidgeRegression.FitPath(NormalEquationTable.X, NormalEquationTable.Targets, alphas);
        for (var i = 1; i < models.Count; i++)
        {
            // alphas descend, so norms and df rise along the list
            Assert.True(models[i].Coefficients.L2Norm() >= models[i - 1].Coefficients.L2Norm() - 1e-12);
            Assert.True(models[i].EffectiveDegreesOfFreedom > models[i - 1].EffectiveDegreesOfFreedom);
        }
        var single = new RidgeRegression(alphas[7]).Fit(NormalEquationTable.X, NormalEquationTable.Targets);
        Assert.True((single.Coefficients - models[7].Coefficients).InfinityNorm() < 1e-13);
    }

    [Fact]
    public void Bad_input_is_rejected_with_the_parameter_named()
    {
        var x = NormalEquationTable.X;
        var y = NormalEquationTable.Targets;
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new RidgeRegression(-1)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new RidgeRegression(double.NaN)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => new RidgeRegression().Fit(x, y.SubVector(0, 9))).ParamName);
        var bad = x.Clone(); bad[3, 1] = double.NaN;
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => new RidgeRegression().Fit(bad, y)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => new RidgeRegression().Fit(Matrix<double>.Build.Dense(0, 3), Vector<double>.Build.Dense(0))).ParamName);
        var model = new RidgeRegression().Fit(x, y);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => model.Predict(Matrix<double>.Build.Dense(2, 2))).ParamName);
        Assert.Equal("alphas", Assert.Throws<ArgumentOutOfRangeException>(() => RidgeRegression.FitPath(x, y, [1.0, -2.0])).ParamName);
    }
}
