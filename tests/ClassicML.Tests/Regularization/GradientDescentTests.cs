using ClassicML.Regularization;

namespace ClassicML.Tests.Regularization;

public class GradientDescentTests
{
    [Fact]
    public void Subgradient_steps_never_reach_the_exact_zero_that_proximal_steps_find()
    {
        var x = NormalEquationTable.X;
        var y = NormalEquationTable.Targets;
        const double alpha = 0.1;
        var exact = new Lasso(alpha, tolerance: 1e-14, maxIterations: 1_000_000).Fit(x, y);
        Assert.Equal(0.0, exact.Coefficients[1]);

        const double eta = 0.05; // below 2/λ_max(X_cᵀX_c/n) ≈ 0.08
        var sub = new PenalizedGradientDescent(Penalty.L1(alpha), eta, 20_000, PenaltyStep.Subgradient).Fit(x, y);
        var prox = new PenalizedGradientDescent(Penalty.L1(alpha), eta, 20_000, PenaltyStep.Proximal).Fit(x, y);

        Assert.Equal(0.0, prox.Coefficients[1]);
        Assert.NotEqual(0.0, sub.Coefficients[1]);
        Assert.Equal(0, sub.ZeroCount());
        // The subgradient iterate hovers near the lasso solution but does not settle on it.
        Assert.True((sub.Coefficients - exact.Coefficients).InfinityNorm() < 0.02);
        Assert.True((prox.Coefficients - exact.Coefficients).InfinityNorm() < 1e-6);
    }

    [Fact]
    public void Objective_history_starts_at_the_initial_point_and_has_one_entry_per_step()
    {
        var x = NormalEquationTable.X;
        var y = NormalEquationTable.Targets;
        var m = new PenalizedGradientDescent(Penalty.L2(0.5), 0.02, 300).Fit(x, y);
        Assert.Equal(301, m.ObjectiveHistory.Count);
        var yc = y - y.Average();
        Assert.Equal(yc.DotProduct(yc) / 20.0, m.ObjectiveHistory[0], 12);
        for (var k = 1; k < m.ObjectiveHistory.Count; k++) Assert.True(m.ObjectiveHistory[k] <= m.ObjectiveHistory[k - 1] + 1e-12);
    }

    [Fact]
    public void Divergence_is_reported_not_returned_as_NaN()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new PenalizedGradientDescent(Penalty.L2(0.1), 10.0, 5000).Fit(NormalEquationTable.X, NormalEquationTable.Targets));
        Assert.Equal("learningRate", ex.ParamName);
    }

    [Fact]
    public void Bad_settings_are_rejected()
    {
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new PenalizedGradientDescent(Penalty.None, 0, 10)).ParamName);
        Assert.Equal("maxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => new PenalizedGradientDescent(Penalty.None, 0.1, 0)).ParamName);
        Assert.Equal("penalty", Assert.Throws<ArgumentNullException>(() => new PenalizedGradientDescent(null!, 0.1, 10)).ParamName);
    }
}
