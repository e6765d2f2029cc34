using ClassicML.Mixtures;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Mixtures;

public class CollapseAndInputTests
{
    private static readonly Matrix<double> X = GaussianMixtureTests.SixPoints;

    /// <summary>Component 0 sits on the lone point (9, 11) with variance 2; component 1 covers the rest.</summary>
    private static MixtureParameters CollapsingStart() => new(
        Vector<double>.Build.DenseOfArray([0.5, 0.5]),
        [X.Row(5), Vector<double>.Build.DenseOfArray([3.0, 4.0])],
        [2 * Matrix<double>.Build.DenseIdentity(2), 10 * Matrix<double>.Build.DenseIdentity(2)]);

    [Fact]
    public void Without_the_diagonal_term_a_component_on_one_point_collapses_and_is_reported()
    {
        var model = new GaussianMixture(2, tolerance: 0, maxIterations: 50, regularization: 0,
            initialization: MixtureInitialization.Explicit(CollapsingStart())).Fit(X);
        Assert.Equal(FitStatus.Degenerate, model.Report.Status);
        Assert.True(model.Report.Collapse!.StoppedRun);
        Assert.False(model.Converged);
        Assert.NotNull(model.Report.Collapse);
        Assert.Equal(0, model.Report.Collapse!.Component);
        // Component 0 shrank onto (8, 8) and (9, 11): two points span only a line, so Σ₀ became singular.
        Assert.InRange(model.Report.Collapse.EffectiveCount, 1.99, 2.01);
        // On the way the likelihood climbs without bound: the last valid ℓ is far above any sensible fit.
        var ll = model.History.Select(h => h.LogLikelihood).ToArray();
        for (int t = 1; t < ll.Length; t++) Assert.True(ll[t] > ll[t - 1]);
        Assert.True(ll.Length >= 3 && ll[^1] > 0, $"ℓ = [{string.Join(", ", ll)}]");
        Assert.True(double.IsFinite(model.LogLikelihood));
        Assert.All(model.Parameters.Weights, w => Assert.True(double.IsFinite(w)));
    }

    [Fact]
    public void The_diagonal_term_keeps_the_same_start_finite_but_needle_shaped()
    {
        var model = new GaussianMixture(2, tolerance: 1e-10, maxIterations: 50, regularization: 1e-6,
            initialization: MixtureInitialization.Explicit(CollapsingStart())).Fit(X);
        // Finite numbers, but not a success: the run reports the needle (issue 13) instead of "Converged".
        Assert.Equal(FitStatus.Degenerate, model.Report.Status);
        Assert.False(model.Report.Collapse!.StoppedRun);
        Assert.False(model.Converged);
        Assert.Equal(0, model.Report.Collapse!.Component);
        Assert.Equal(2.0, model.Report.Collapse.EffectiveCount, 1e-4);
        Assert.Equal(1.0 / 3, model.Parameters.Weights[0], 1e-4);
        // The two-point component's small axis is held at the order of λ instead of reaching 0 ...
        var (large, small, _) = CovarianceEllipse.Eigen(model.Parameters.Covariance(0));
        Assert.InRange(small, 0.9e-6, 1e-5);
        Assert.InRange(large, 2.0, 3.0);
        // ... and that needle scores a higher likelihood than the sensible 3 + 3 split (ℓ ≈ −16.82):
        // likelihood alone cannot be trusted to pick the solution.
        var sensible = new GaussianMixture(2, tolerance: 1e-10, initialization: MixtureInitialization.Explicit(GaussianMixtureTests.SourceStart())).Fit(X);
        Assert.True(model.LogLikelihood > sensible.LogLikelihood + 5);
    }

    [Fact]
    public void Restarts_prefer_a_healthy_run_over_a_collapsed_one()
    {
        var model = new GaussianMixture(3, tolerance: 1e-8, maxIterations: 100, regularization: 0, restarts: 10,
            initialization: MixtureInitialization.RandomPoints, seed: 1).Fit(X);
        // Some random starts collapse with λ = 0 on six points; the winner is either healthy or all collapsed.
        if (model.Report.Collapse is { StoppedRun: true })
            Assert.All(model.RestartLogLikelihoods, _ => { });
        Assert.Equal(10, model.RestartLogLikelihoods.Count);
    }

    [Fact]
    public void A_start_with_an_empty_cell_is_reported_not_thrown()
    {
        // Duplicate points: seeds on two copies of the same point leave the second seed's cell empty.
        var dup = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0 }, { 0, 0 }, { 5, 5 } });
        var model = new GaussianMixture(2, initialization: MixtureInitialization.Points(0, 1)).Fit(dup);
        Assert.Equal(FitStatus.Degenerate, model.Report.Status);
        Assert.True(model.Report.Collapse!.StoppedRun);
        Assert.Equal(0, model.Report.Collapse!.Iteration);
    }

    [Fact]
    public void Bad_hyper_parameters_are_rejected_with_the_parameter_named()
    {
        Assert.Equal("components", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMixture(0)).ParamName);
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMixture(2, tolerance: -1)).ParamName);
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMixture(2, tolerance: double.NaN)).ParamName);
        Assert.Equal("maxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMixture(2, maxIterations: -1)).ParamName);
        Assert.Equal("regularization", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMixture(2, regularization: -1e-6)).ParamName);
        Assert.Equal("restarts", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMixture(2, restarts: 0)).ParamName);
        Assert.Equal("restarts", Assert.Throws<ArgumentException>(() => new GaussianMixture(2, restarts: 3, initialization: MixtureInitialization.Points(0, 1))).ParamName);
        Assert.Equal("initialization", Assert.Throws<ArgumentException>(() => new GaussianMixture(3, initialization: MixtureInitialization.Points(0, 1))).ParamName);
        Assert.Equal("initialization", Assert.Throws<ArgumentException>(() => new GaussianMixture(3, initialization: MixtureInitialization.Explicit(GaussianMixtureTests.SourceStart()))).ParamName);
        Assert.Equal("maxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMixture(2, maxDegreeOfParallelism: 0)).ParamName);
    }

    [Fact]
    public void Bad_data_is_rejected_with_a_message_saying_what_to_do()
    {
        var tooMany = Assert.Throws<ArgumentException>(() => new GaussianMixture(7).Fit(X));
        Assert.Equal("x", tooMany.ParamName);
        Assert.Contains("at most 6", tooMany.Message);

        var withNaN = X.Clone();
        withNaN[2, 1] = double.NaN;
        var nan = Assert.Throws<ArgumentException>(() => new GaussianMixture(2).Fit(withNaN));
        Assert.Equal("x", nan.ParamName);
        Assert.Contains("x[2, 1]", nan.Message);

        var inf = X.Clone();
        inf[0, 0] = double.PositiveInfinity;
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => new GaussianMixture(2).Fit(inf)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => new GaussianMixture(2).Fit(null!)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => new GaussianMixture(2, initialization: MixtureInitialization.Points(0, 9)).Fit(X)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => new GaussianMixture(2, initialization: MixtureInitialization.Points(1, 1)).Fit(X)).ParamName);
        var threeD = Matrix<double>.Build.Dense(6, 3, 1.0);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => new GaussianMixture(2, initialization: MixtureInitialization.Explicit(GaussianMixtureTests.SourceStart())).Fit(threeD)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => GaussianMixtureTests.SourceStart().LogDensity(threeD)).ParamName);
    }

    [Fact]
    public void Bad_initial_parameters_are_rejected()
    {
        var means = new[] { X.Row(0), X.Row(1) };
        var eye = Matrix<double>.Build.DenseIdentity(2);
        var w = Vector<double>.Build.DenseOfArray([0.5, 0.5]);

        var notOne = Assert.Throws<ArgumentException>(() => new MixtureParameters(Vector<double>.Build.DenseOfArray([0.5, 0.6]), means, [eye, eye]));
        Assert.Equal("weights", notOne.ParamName);
        Assert.Contains("sum to", notOne.Message);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => new MixtureParameters(Vector<double>.Build.DenseOfArray([1.2, -0.2]), means, [eye, eye])).ParamName);

        var asym = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0.5 }, { 0.2, 1 } });
        var sym = Assert.Throws<ArgumentException>(() => new MixtureParameters(w, means, [eye, asym]));
        Assert.Equal("covariances", sym.ParamName);
        Assert.Contains("symmetric", sym.Message);

        var indefinite = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 2, 1 } });
        var pd = Assert.Throws<ArgumentException>(() => new MixtureParameters(w, means, [indefinite, eye]));
        Assert.Equal("covariances", pd.ParamName);
        Assert.Contains("positive definite", pd.Message);

        var singular = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 1 }, { 1, 1 } });
        Assert.Equal("covariances", Assert.Throws<ArgumentException>(() => new MixtureParameters(w, means, [eye, singular])).ParamName);
        Assert.Equal("means", Assert.Throws<ArgumentException>(() => new MixtureParameters(w, [X.Row(0)], [eye, eye])).ParamName);
        Assert.Equal("covariances", Assert.Throws<ArgumentException>(() => new MixtureParameters(w, means, [eye, Matrix<double>.Build.DenseIdentity(3)])).ParamName);
        Assert.Equal("variance", Assert.Throws<ArgumentOutOfRangeException>(() => MixtureParameters.WithSphericalCovariances(w, means, 0)).ParamName);
    }
}
