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
        var lambda = x.RowCount * alpha; // (1/2n)‖r‖² + (α/2)‖w‖², times 2n: ‖r‖² + nα‖w‖²

        // Closed form on centred data: w = (X_cᵀX_c + nαI)⁻¹ X_cᵀ y_c (via Cholesky, no explicit inverse).
        var xc = Center(x);
        var yc = y - y.Average();
        var closed = (xc.TransposeThisAndMultiply(xc) + lambda * Matrix<double>.Build.DenseIdentity(3)).Cholesky().Solve(xc.TransposeThisAndMultiply(yc));
        Assert.True((model.Coefficients - closed).InfinityNorm() < 1e-10, $"closed form differs: {model.Coefficients} vs {closed}");

        // Direct solve of the full problem in (b, w): the augmented least-squares system [1 X; 0 √(nα)I][b; w] ≈ [y; 0].
        var aug = Matrix<double>.Build.Dense(13, 4);
        for (var i = 0; i < 10; i++) { aug[i, 0] = 1; for (var j = 0; j < 3; j++) aug[i, j + 1] = x[i, j]; }
        for (var j = 0; j < 3; j++) aug[10 + j, j + 1] = Math.Sqrt(lambda);
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
        var n = x.RowCount;
        // ∂/∂w ((1/2n)‖r‖² + (α/2)‖w‖²) = −Xᵀr/n + αw ; ∂/∂b = −1ᵀr/n.
        var gw = -1.0 / n * x.TransposeThisAndMultiply(r) + alpha * m.Coefficients;
        Assert.True(gw.InfinityNorm() < 1e-10);
        Assert.True(Math.Abs(r.Sum() / n) < 1e-10);
        // and the objective it reports is that function: no small move lowers it
        var best = RidgeRegression.Objective(x, y, m.Coefficients, m.Intercept, alpha);
        Assert.Equal(r.DotProduct(r) / (2 * n) + alpha / 2 * m.Coefficients.DotProduct(m.Coefficients), best, 12);
        var rng = new Random(3);
        for (var t = 0; t < 20; t++)
        {
            var dw = Vector<double>.Build.Dense(3, _ => 1e-4 * (rng.NextDouble() - 0.5));
            Assert.True(RidgeRegression.Objective(x, y, m.Coefficients + dw, m.Intercept + 1e-4 * (rng.NextDouble() - 0.5), alpha) > best);
        }
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
        var closed = (xc.TransposeThisAndMultiply(xc) + x.RowCount * alpha * Matrix<double>.Build.DenseIdentity(12)).Cholesky().Solve(xc.TransposeThisAndMultiply(y - y.Average()));
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
    public void Alpha_follows_the_mean_loss_convention_shared_with_Penalty_L2()
    {
        // One convention: mean data loss + α·½‖w‖². So (a) the same α gives the same fit when every row is
        // duplicated (the mean loss does not change), and (b) gradient descent on (1/2n)‖r‖² + Penalty.L2(α) finds it.
        var x = NormalEquationTable.X;
        var y = NormalEquationTable.Targets;
        const double alpha = 0.05;
        var once = new RidgeRegression(alpha).Fit(x, y);
        var twice = new RidgeRegression(alpha).Fit(x.Stack(x), Vector<double>.Build.DenseOfEnumerable(y.Concat(y)));
        Assert.True((once.Coefficients - twice.Coefficients).InfinityNorm() < 1e-10);
        Assert.Equal(once.Intercept, twice.Intercept, 10);

        var gd = new PenalizedGradientDescent(Penalty.L2(alpha), learningRate: 0.01, maxIterations: 200_000).Fit(x, y);
        Assert.True((once.Coefficients - gd.Coefficients).InfinityNorm() < 1e-6, $"{once.Coefficients} vs {gd.Coefficients}");
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
