using ClassicML.Mixtures;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Mixtures;

public class GaussianMixtureTests
{
    internal static readonly Matrix<double> SixPoints = Matrix<double>.Build.DenseOfArray(new double[,]
    {
        { 1.0, 2.0 }, { 1.5, 1.8 }, { 5.0, 8.0 }, { 8.0, 8.0 }, { 1.0, 0.6 }, { 9.0, 11.0 },
    });

    /// <summary>The source's start: numpy seed 42 weights, means X[3] and X[1], identity covariances.</summary>
    internal static MixtureParameters SourceStart() => MixtureParameters.WithSphericalCovariances(
        Vector<double>.Build.DenseOfArray([0.2826175199, 0.7173824801]), [SixPoints.Row(3), SixPoints.Row(1)]);

    internal static Matrix<double> Blobs(int seed, int n, int d, int clusters, double spread = 3.0)
    {
        var rng = new Random(seed);
        var centres = Enumerable.Range(0, clusters).Select(_ => Enumerable.Range(0, d).Select(_ => spread * (2 * rng.NextDouble() - 1)).ToArray()).ToArray();
        return Matrix<double>.Build.Dense(n, d, (i, a) => centres[i % clusters][a] + (0.3 + 0.2 * a) * Normal(rng) + (a > 0 ? 0.4 * Normal(rng) : 0));
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>log 𝒩(x | μ, Σ) straight from the textbook formula with an explicit inverse and determinant (test reference only).</summary>
    internal static double NaiveLogGaussian(Vector<double> x, Vector<double> mu, Matrix<double> sigma)
    {
        var diff = x - mu;
        return -0.5 * x.Count * Math.Log(2 * Math.PI) - 0.5 * Math.Log(sigma.Determinant()) - 0.5 * diff.DotProduct(sigma.Inverse() * diff);
    }

    internal static double NaiveLogDensity(MixtureParameters p, Vector<double> x)
    {
        double s = 0;
        for (int k = 0; k < p.Components; k++)
            s += p.Weights[k] * Math.Exp(NaiveLogGaussian(x, p.Mean(k), p.Covariance(k)));
        return Math.Log(s);
    }

    [Fact]
    public void Log_density_matches_the_textbook_formula_in_two_and_three_dimensions()
    {
        foreach (int d in new[] { 2, 3 })
        {
            var x = Blobs(5, 40, d, 3);
            var model = new GaussianMixture(3, seed: 1).Fit(x);
            var ld = model.LogDensity(x);
            for (int i = 0; i < x.RowCount; i++)
                Assert.Equal(NaiveLogDensity(model.Parameters, x.Row(i)), ld[i], 1e-9);
            Assert.Equal(ld.Sum(), model.Score(x), 1e-8);
        }
    }

    [Fact]
    public void One_em_step_matches_the_textbook_updates()
    {
        var x = Blobs(11, 30, 2, 2);
        var start = MixtureParameters.WithSphericalCovariances(Vector<double>.Build.DenseOfArray([0.4, 0.6]), [x.Row(0), x.Row(1)]);
        const double reg = 1e-3;
        var model = new GaussianMixture(2, tolerance: 0, maxIterations: 1, regularization: reg, initialization: MixtureInitialization.Explicit(start)).Fit(x);
        Assert.Equal(1, model.Iterations);
        Assert.Equal(FitStatus.IterationLimit, model.Report.Status);

        // Reference: γ by Bayes' rule from the textbook density, then the closed-form M-step.
        int n = x.RowCount;
        var gamma = Matrix<double>.Build.Dense(n, 2, (i, k) => start.Weights[k] * Math.Exp(NaiveLogGaussian(x.Row(i), start.Mean(k), start.Covariance(k))));
        for (int i = 0; i < n; i++) gamma.SetRow(i, gamma.Row(i) / gamma.Row(i).Sum());
        for (int k = 0; k < 2; k++)
        {
            double nk = gamma.Column(k).Sum();
            var mu = x.TransposeThisAndMultiply(gamma.Column(k)) / nk;
            var sigma = Matrix<double>.Build.Dense(2, 2);
            for (int i = 0; i < n; i++)
            {
                var diff = x.Row(i) - mu;
                sigma += gamma[i, k] * diff.OuterProduct(diff);
            }
            sigma = sigma / nk + reg * Matrix<double>.Build.DenseIdentity(2);
            Assert.Equal(nk / n, model.Parameters.Weights[k], 1e-12);
            Assert.True((model.Parameters.Mean(k) - mu).InfinityNorm() < 1e-12);
            Assert.True((model.Parameters.Covariance(k) - sigma).InfinityNorm() < 1e-11);
        }
        // The history holds θ⁽⁰⁾ and θ⁽¹⁾ with their log-likelihoods.
        Assert.Equal(2, model.History.Count);
        Assert.Equal(start.LogLikelihood(x), model.History[0].LogLikelihood, 1e-9);
        Assert.Equal(model.Parameters.LogLikelihood(x), model.LogLikelihood, 1e-9);
    }

    [Property(MaxTest = 30)]
    public void Responsibilities_sum_to_one_for_every_point(int seed, PositiveInt kRaw)
    {
        int k = 1 + kRaw.Get % 4;
        var x = Blobs(seed, 25, 2, 3);
        var model = new GaussianMixture(k, maxIterations: 5, seed: seed).Fit(x);
        var r = model.Responsibilities(x);
        for (int i = 0; i < r.RowCount; i++)
        {
            Assert.Equal(1.0, r.Row(i).Sum(), 1e-12);
            Assert.All(r.Row(i), v => Assert.InRange(v, 0.0, 1.0));
        }
        var labels = model.Predict(x);
        for (int i = 0; i < labels.Length; i++)
            Assert.Equal(r.Row(i).MaximumIndex(), labels[i]);
    }

    [Property(MaxTest = 40)]
    public Property Log_likelihood_never_decreases(int seed, PositiveInt kRaw, PositiveInt dRaw, bool randomPoints)
    {
        int k = 1 + kRaw.Get % 4, d = 1 + dRaw.Get % 3;
        var x = Blobs(seed, 60, d, 3);
        // λ = 0: the textbook EM whose monotonicity Jensen's inequality guarantees.
        var init = randomPoints ? MixtureInitialization.RandomPoints : MixtureInitialization.KMeansPlusPlus;
        var model = new GaussianMixture(k, tolerance: 0, maxIterations: 30, regularization: 0, initialization: init, seed: seed).Fit(x);
        var ll = model.History.Select(h => h.LogLikelihood).ToArray();
        bool monotone = true;
        for (int t = 1; t < ll.Length; t++)
            monotone &= ll[t] >= ll[t - 1] - 1e-9 * (1 + Math.Abs(ll[t - 1]));
        return monotone.Label($"ℓ = [{string.Join(", ", ll)}], status {model.Report.Status}");
    }

    [Fact]
    public void Log_likelihood_never_decreases_on_the_six_points_from_many_random_starts()
    {
        for (int seed = 0; seed < 50; seed++)
        {
            var model = new GaussianMixture(2, tolerance: 0, maxIterations: 50, regularization: 0, initialization: MixtureInitialization.RandomPoints, seed: seed).Fit(SixPoints);
            var ll = model.History.Select(h => h.LogLikelihood).ToArray();
            for (int t = 1; t < ll.Length; t++)
                Assert.True(ll[t] >= ll[t - 1] - 1e-9 * (1 + Math.Abs(ll[t - 1])), $"seed {seed}: ℓ fell at t={t}");
        }
    }

    [Fact]
    public void Source_run_reaches_a_fixed_point_equal_to_the_ML_Gaussians_of_its_hard_split()
    {
        var model = new GaussianMixture(2, tolerance: 1e-12, maxIterations: 200, initialization: MixtureInitialization.Explicit(SourceStart())).Fit(SixPoints);
        Assert.True(model.Converged, model.ToString());
        Assert.True(model.Report.FinalChange < 1e-12);

        // Fixed point: one more EM step from the result moves nothing.
        var again = new GaussianMixture(2, tolerance: 0, maxIterations: 1, initialization: MixtureInitialization.Explicit(model.Parameters)).Fit(SixPoints);
        for (int k = 0; k < 2; k++)
        {
            Assert.True((again.Parameters.Mean(k) - model.Parameters.Mean(k)).InfinityNorm() < 1e-9);
            Assert.True((again.Parameters.Covariance(k) - model.Parameters.Covariance(k)).InfinityNorm() < 1e-9);
        }

        // Hard split {X3, X2, X5} / {X1, X0, X4}, i.e. the far and the near cluster.
        var labels = model.Predict(SixPoints);
        Assert.Equal(new[] { 1, 1, 0, 0, 1, 0 }, labels);
        var r = model.Responsibilities(SixPoints);
        double leak = Enumerable.Range(0, 6).Max(i => 1 - r[i, labels[i]]);
        Assert.True(leak < 1e-4, $"responsibilities are nearly hard (leak {leak})");
        for (int k = 0; k < 2; k++)
        {
            var members = Enumerable.Range(0, 6).Where(i => labels[i] == k).Select(SixPoints.Row).ToArray();
            var mu = members.Aggregate((a, b) => a + b) / members.Length;
            var sigma = members.Select(v => (v - mu).OuterProduct(v - mu)).Aggregate((a, b) => a + b) / members.Length
                        + 1e-6 * Matrix<double>.Build.DenseIdentity(2);
            // The soft γ differ from 0/1 by at most `leak`, which moves the estimates by O(leak · spread²).
            double tol = 100 * leak;
            Assert.Equal(members.Length / 6.0, model.Parameters.Weights[k], tol);
            Assert.True((model.Parameters.Mean(k) - mu).InfinityNorm() < tol);
            Assert.True((model.Parameters.Covariance(k) - sigma).InfinityNorm() < tol);
        }
        Assert.Equal(1 - 0.5, model.Parameters.Weights[0], 1e-3);
        Assert.Equal(7.0 + 1.0 / 3, model.Parameters.Mean(0)[0], 1e-3);
    }

    [Fact]
    public void Thread_count_does_not_change_the_result()
    {
        var x = Blobs(3, 3 * EmKernel.ChunkRows + 123, 2, 4);
        var one = new GaussianMixture(4, maxIterations: 5, tolerance: 0, seed: 2, maxDegreeOfParallelism: 1).Fit(x);
        var two = new GaussianMixture(4, maxIterations: 5, tolerance: 0, seed: 2, maxDegreeOfParallelism: 2).Fit(x);
        Assert.Equal(one.LogLikelihood, two.LogLikelihood);
        for (int k = 0; k < 4; k++)
            Assert.Equal(one.Parameters.Covariance(k).ToColumnMajorArray(), two.Parameters.Covariance(k).ToColumnMajorArray());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Em_iterations_allocate_nothing_on_one_thread(int d)
    {
        var x = Blobs(6, 5000, d, 4);
        long Allocated(int iterations)
        {
            var gm = new GaussianMixture(4, tolerance: 0, maxIterations: iterations, recordHistory: false, seed: 1, maxDegreeOfParallelism: 1);
            gm.Fit(x); // warm up (JIT)
            long before = GC.GetAllocatedBytesForCurrentThread();
            gm.Fit(x);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        // 45 extra E/M passes must not add to the allocations of a fit (set-up, start and result objects only).
        // The runtime itself may allocate on this thread once, when tiered compilation promotes a hot method in the
        // middle of a measured fit (timing-dependent under load); a per-iteration allocation would show in every
        // attempt, so the smallest of three attempts is what is judged.
        var attempts = Enumerable.Range(0, 3).Select(_ => Allocated(50) - Allocated(5)).ToArray();
        Assert.True(attempts.Min() < 1024, $"45 extra iterations allocated {string.Join(" / ", attempts)} bytes in three attempts");
    }

    [Fact]
    public void Fused_two_dimensional_pass_agrees_with_the_general_pass()
    {
        // A 2-D problem embedded in 3-D with an independent third coordinate: the general path's
        // log-density minus that coordinate's own log-density must equal the 2-D fused path's.
        var x2 = Blobs(8, 200, 2, 3);
        var model = new GaussianMixture(3, seed: 4).Fit(x2);
        var p = model.Parameters;
        var x3 = x2.Append(Matrix<double>.Build.Dense(200, 1, (i, _) => 0.1 * i - 10));
        var covs3 = Enumerable.Range(0, 3).Select(k =>
        {
            var c = Matrix<double>.Build.Dense(3, 3);
            c.SetSubMatrix(0, 0, p.Covariance(k));
            c[2, 2] = 4.0;
            return c;
        }).ToArray();
        var means3 = Enumerable.Range(0, 3).Select(k => Vector<double>.Build.DenseOfArray([p.Mean(k)[0], p.Mean(k)[1], 1.0])).ToArray();
        var p3 = new MixtureParameters(p.Weights, means3, covs3);
        var ld2 = p.LogDensity(x2);
        var ld3 = p3.LogDensity(x3);
        for (int i = 0; i < 200; i++)
        {
            double z = x3[i, 2] - 1.0;
            double extra = -0.5 * Math.Log(2 * Math.PI * 4.0) - z * z / 8.0;
            Assert.Equal(ld2[i] + extra, ld3[i], 1e-9);
        }
    }

    [Fact]
    public void Restarts_keep_the_best_run_and_report_every_final_log_likelihood()
    {
        var x = Blobs(21, 150, 2, 4);
        var model = new GaussianMixture(4, restarts: 6, initialization: MixtureInitialization.RandomPoints, seed: 9).Fit(x);
        Assert.Equal(6, model.RestartLogLikelihoods.Count);
        Assert.Equal(model.RestartLogLikelihoods.Max(), model.LogLikelihood);
        Assert.Equal(model.LogLikelihood, model.RestartLogLikelihoods[model.Restart]);
    }

    [Fact]
    public void Same_seed_gives_the_same_fit()
    {
        var x = Blobs(2, 100, 2, 3);
        var a = new GaussianMixture(3, seed: 5).Fit(x);
        var b = new GaussianMixture(3, seed: 5).Fit(x);
        Assert.Equal(a.LogLikelihood, b.LogLikelihood);
    }

    [Fact]
    public void Bic_and_aic_follow_their_formulas()
    {
        var x = Blobs(4, 90, 2, 3);
        var model = new GaussianMixture(3, seed: 3).Fit(x);
        int p = 2 + 3 * 2 + 3 * 3;
        Assert.Equal(p, model.FreeParameterCount);
        Assert.Equal(-2 * model.Score(x) + p * Math.Log(90), model.Bic(x), 1e-9);
        Assert.Equal(-2 * model.Score(x) + 2 * p, model.Aic(x), 1e-9);
    }

    [Fact]
    public void Bic_picks_three_components_for_three_separated_clusters()
    {
        var x = Blobs(7, 300, 2, 3, spread: 8);
        var bic = Enumerable.Range(1, 5).Select(k => new GaussianMixture(k, restarts: 3, seed: 1).Fit(x).Bic(x)).ToArray();
        Assert.Equal(3, Array.IndexOf(bic, bic.Min()) + 1);
    }

    [Fact]
    public void Chosen_points_start_splits_the_data_by_nearest_seed()
    {
        var model = new GaussianMixture(2, maxIterations: 0, initialization: MixtureInitialization.Points(3, 1)).Fit(SixPoints);
        Assert.Equal(0, model.Iterations);
        Assert.Equal(FitStatus.IterationLimit, model.Report.Status);
        // Nearest to (8,8): (5,8), (8,8), (9,11); nearest to (1.5,1.8): the other three.
        Assert.Equal(0.5, model.Parameters.Weights[0], 1e-12);
        Assert.Equal(22.0 / 3, model.Parameters.Mean(0)[0], 1e-12);
        Assert.Equal(9.0, model.Parameters.Mean(0)[1], 1e-12);
    }

    [Fact]
    public void Step_is_the_textbook_E_and_M_step_and_the_step_Fit_repeats()
    {
        var x = Blobs(seed: 4, n: 60, d: 2, clusters: 2);
        var start = new MixtureParameters(Vector<double>.Build.Dense([0.3, 0.7]),
            [x.Row(0), x.Row(59)],
            [Matrix<double>.Build.DenseIdentity(2) * 2, Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 0.3 }, { 0.3, 1.5 } })]);
        const double lambda = 1e-3;
        var step = new GaussianMixture(2, regularization: lambda).Step(x, start);

        // Textbook formulas, written out per sample (naive densities, two-pass covariance).
        int n = x.RowCount;
        var gamma = Matrix<double>.Build.Dense(n, 2, (i, k) => start.Weights[k] * Math.Exp(NaiveLogGaussian(x.Row(i), start.Mean(k), start.Covariance(k))));
        for (int i = 0; i < n; i++) gamma.SetRow(i, gamma.Row(i) / gamma.Row(i).Sum());
        for (int k = 0; k < 2; k++)
        {
            var nk = gamma.Column(k).Sum();
            var mu = x.TransposeThisAndMultiply(gamma.Column(k)) / nk;
            var cov = Matrix<double>.Build.Dense(2, 2);
            for (int i = 0; i < n; i++) cov += gamma[i, k] * (x.Row(i) - mu).OuterProduct(x.Row(i) - mu);
            cov = cov / nk + lambda * Matrix<double>.Build.DenseIdentity(2);
            Assert.Equal(nk / n, step.Weights[k], 1e-12);
            Assert.True((step.Mean(k) - mu).InfinityNorm() < 1e-10, $"mean {k}");
            Assert.True((step.Covariance(k) - cov).InfinityNorm() < 1e-10, $"covariance {k}");
        }

        // Fit runs the same step: its θ⁽¹⁾ from the same start.
        var fit = new GaussianMixture(2, maxIterations: 1, tolerance: 0, regularization: lambda, initialization: MixtureInitialization.Explicit(start)).Fit(x);
        Assert.True((fit.History[1].Parameters.Mean(1) - step.Mean(1)).InfinityNorm() < 1e-14);
        Assert.True((fit.History[1].Parameters.Covariance(0) - step.Covariance(0)).InfinityNorm() < 1e-14);
    }

    [Fact]
    public void Step_refuses_mismatched_or_singular_parameters_naming_them()
    {
        var x = SixPoints;
        var gm = new GaussianMixture(2);
        var three = MixtureParameters.WithSphericalCovariances(Vector<double>.Build.Dense([0.2, 0.3, 0.5]), [x.Row(0), x.Row(1), x.Row(2)]);
        Assert.Equal("current", Assert.Throws<ArgumentException>(() => gm.Step(x, three)).ParamName);
        var oneD = MixtureParameters.WithSphericalCovariances(Vector<double>.Build.Dense([0.5, 0.5]), [Vector<double>.Build.Dense(1), Vector<double>.Build.Dense(1, 1.0)]);
        Assert.Equal("current", Assert.Throws<ArgumentException>(() => gm.Step(x, oneD)).ParamName);
        var bad = x.Clone(); bad[0, 0] = double.NaN;
        var ok = MixtureParameters.WithSphericalCovariances(Vector<double>.Build.Dense([0.5, 0.5]), [x.Row(0), x.Row(1)]);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => gm.Step(bad, ok)).ParamName);
    }
}
