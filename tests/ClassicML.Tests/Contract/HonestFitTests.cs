using ClassicML.Data;
using ClassicML.Linear;
using ClassicML.Logistic;
using ClassicML.Margins;
using ClassicML.Mixtures;
using ClassicML.Regularization;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Contract;

/// <summary>
/// The fits of issue 13 that reported success on a wrong answer, each pinned: before the contract every test here
/// failed (a "Converged"/"MaxEpochsReached" status or a solver's own exception on meaningless numbers).
/// </summary>
public class HonestFitTests
{
    private static readonly Matrix<double> Book = Matrix<double>.Build.DenseOfArray(new double[,] { { 3, 3 }, { 4, 3 }, { 1, 1 } });
    private static readonly Vector<double> BookY = Vector<double>.Build.Dense([1.0, 1.0, -1.0]);

    [Fact]
    public void Logistic_regression_with_a_step_that_overshoots_reports_diverged_and_says_to_lower_the_learning_rate()
    {
        var tumour = LogisticDatasets.Tumor();
        // With a penalty there is a finite minimiser, and α = 0.5 overshoots it: the loss ends below ln 2 (so "the loss
        // grew" does not fire) but rose in two epochs of three, and ‖∇J‖ stays near 0.5. Main called this
        // MaxEpochsReached, "the loss is still decreasing, so more epochs (or a larger α) would lower it further".
        var model = new LogisticRegression(learningRate: 0.5, maxIterations: 100_000, recordEvery: 50_000, alpha: 1.0).Fit(tumour.X, tumour.Y);
        var report = model.Report!;
        // The evidence that α is too large: the loss rose in a large share of the epochs and the gradient stays big.
        Assert.True(report.LossIncreases * 10 >= report.Iterations, $"{report.LossIncreases} increases in {report.Iterations} epochs");
        Assert.True(report.FinalGradientNorm > 0.1, report.FinalGradientNorm.ToString());
        Assert.True(report.FinalLoss < Math.Log(2), "the loss must end below where it started for this case");
        Assert.Equal(FitStatus.Diverged, report.Status);
        Assert.False(report.Converged);
        Assert.Contains("Lower the learning rate", report.Message);
        Assert.DoesNotContain("larger learning rate", report.Message);
        Assert.DoesNotContain("still decreasing", report.Message);
        // The same data with a step that descends is not called diverged.
        var calm = new LogisticRegression(learningRate: 0.02, maxIterations: 100_000, recordEvery: 50_000, alpha: 1.0).Fit(tumour.X, tumour.Y);
        Assert.Equal(FitStatus.Converged, calm.Report!.Status);
    }

    [Fact]
    public void A_degenerate_gaussian_mixture_restart_never_wins_over_a_healthy_one()
    {
        var six = Matrix<double>.Build.DenseOfArray(new double[,] { { 1.0, 2.0 }, { 1.5, 1.8 }, { 5.0, 8.0 }, { 8.0, 8.0 }, { 1.0, 0.6 }, { 9.0, 11.0 } });
        int needles = 0;
        for (int seed = 0; seed < 100; seed++)
        {
            var model = new GaussianMixture(2, restarts: 10, seed: seed).Fit(six);
            var smallest = Enumerable.Range(0, 2).Min(k => model.Parameters.Covariance(k).Evd().EigenValues.Min(v => v.Real));
            // A needle (a component on one or two points) has a covariance eigenvalue at the diagonal term λ = 1e-6.
            bool needle = smallest < 1e-3;
            if (needle) needles++;
            Assert.False(needle && model.Report.Status != FitStatus.Degenerate, $"seed {seed}: a needle reported as {model.Report.Status}");
            Assert.False(needle && model.Report.Converged, $"seed {seed}: a needle reported as converged");
        }
        Assert.Equal(0, needles);
    }

    [Fact]
    public void A_single_degenerate_gaussian_mixture_run_says_so_with_the_reason()
    {
        var six = Matrix<double>.Build.DenseOfArray(new double[,] { { 1.0, 2.0 }, { 1.5, 1.8 }, { 5.0, 8.0 }, { 8.0, 8.0 }, { 1.0, 0.6 }, { 9.0, 11.0 } });
        // Seeds on x4 and x6 (rows 3 and 5): one component starts on the two far points and becomes a needle.
        var model = new GaussianMixture(2, tolerance: 1e-10, initialization: MixtureInitialization.Points(3, 5)).Fit(six);
        Assert.Equal(FitStatus.Degenerate, model.Report.Status);
        Assert.False(model.Report.Collapse!.StoppedRun);
        Assert.Equal(FitStatus.Degenerate, model.Report.Status);
        Assert.Contains("degenerate", model.Report.Message);
        Assert.Contains("regularization", model.Report.Message);
    }

    [Theory]
    [InlineData(1e300)]
    [InlineData(1e-300)]
    public void Margin_classifiers_on_data_scaled_beyond_the_range_of_inner_products_refuse_with_a_rescale_message(double scale)
    {
        var x = Book * scale;
        Action[] fits =
        [
            () => new Perceptron().Fit(x, BookY),
            () => new PerceptronDual().Fit(x, BookY),
            () => new HardMarginSvm().Fit(x, BookY),
            () => new SoftMarginSvm().Fit(x, BookY),
            () => new HardMarginSvmPrimal().Fit(x, BookY),
        ];
        foreach (var fit in fits)
        {
            var e = Assert.ThrowsAny<ArgumentException>(fit);
            Assert.IsNotType<HardMarginInfeasibleException>(e); // the data are separable: never "not linearly separable"
            Assert.Equal("x", e.ParamName);
            Assert.Contains("Rescale", e.Message);
        }
        // Inside the range the hard margin is scale-equivariant: ×s gives w/s, the same b, margin ×s.
        var svm = new HardMarginSvm().Fit(Book * 1e50, BookY);
        Assert.Equal(0.5e-50, svm.W[0], 1e-60);
        Assert.Equal(-2.0, svm.B, 9);
    }

    [Fact]
    public void Least_squares_estimators_at_1e300_explain_the_overflow_instead_of_a_solver_failure()
    {
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 2, 1 }, { 3, 5 }, { 4, 2 } }) * 1e300;
        var y = Vector<double>.Build.Dense([1.0, 2.0, 3.0, 4.0]);
        Action[] fits =
        [
            () => new LinearRegression().Fit(x, y),
            () => new LinearRegression(OlsSolver.Svd).Fit(x, y),
            () => new RidgeRegression(1.0).Fit(x, y),
            () => new Lasso(0.1).Fit(x, y),
            () => new GradientDescentRegression().Fit(x, y),
        ];
        foreach (var fit in fits)
        {
            var e = Assert.ThrowsAny<ArgumentException>(fit);
            Assert.Equal("x", e.ParamName);
            Assert.Contains("overflow", e.Message);
            Assert.Contains("Rescale", e.Message);
        }
        var ey = Assert.ThrowsAny<ArgumentException>(() => new LinearRegression().Fit(x / 1e300, y * 1e300));
        Assert.Equal("y", ey.ParamName);
    }

    [Fact]
    public void Soft_margin_primal_objective_includes_the_slack_penalty_and_equals_the_dual_at_the_optimum()
    {
        var x = Book.Stack(Matrix<double>.Build.DenseOfArray(new double[,] { { 3.5, 3 } }));
        var y = Vector<double>.Build.Dense([1.0, 1.0, -1.0, -1.0]);
        var svm = new SoftMarginSvm(c: 1.0).Fit(x, y);
        Assert.True(svm.Kkt.AllHold, svm.Kkt.ToString());
        double slack = Enumerable.Range(0, 4).Sum(i => Math.Max(0, 1 - y[i] * svm.Decision(x.Row(i))));
        Assert.True(slack > 0.1, "the point (3.5, 3) labelled −1 must need slack");
        Assert.Equal(slack, svm.TotalSlack, 12);
        Assert.Equal(0.5 * svm.W.DotProduct(svm.W) + svm.C * slack, svm.PrimalObjective, 12);
        Assert.Equal(svm.DualObjective, svm.PrimalObjective, 8);
        // The hard margin keeps ½‖w‖² (the book's 0.25 on Example 7.1).
        Assert.Equal(0.25, new HardMarginSvm().Fit(Book, BookY).PrimalObjective, 12);
    }

    [Theory]
    [InlineData("a,b")]
    [InlineData("a\nb")]
    [InlineData("a\r")]
    [InlineData("#x")]
    public void Csv_save_refuses_column_names_that_would_not_read_back(string bad)
    {
        var path = Path.Combine(Path.GetTempPath(), $"classicml-csv-{Guid.NewGuid():N}.csv");
        var e = Assert.ThrowsAny<ArgumentException>(() => Csv.Save(path, [bad, "y"], Matrix<double>.Build.Dense(1, 2, 1.0)));
        Assert.Equal("columns", e.ParamName);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Csv_parse_drops_a_byte_order_mark_so_the_first_column_is_found_by_name()
    {
        var table = Csv.Parse("\uFEFFx1,y\n1,2\n3,4\n");
        Assert.Equal("x1", table.Columns[0]);
        Assert.Equal(new[] { 1.0, 3.0 }, table.Column("x1").ToArray());
    }

    [Fact]
    public void Perceptron_traces_are_capped_so_memory_is_bounded_by_the_data()
    {
        // Not separable: every pass makes updates, so an uncapped trace would hold maxPasses·N entries of N numbers.
        var rng = new Random(5);
        int n = 300;
        var x = Matrix<double>.Build.Dense(n, 2, (_, _) => rng.NextDouble());
        var y = Vector<double>.Build.Dense(n, i => rng.Next(2) == 0 ? -1.0 : 1.0);
        foreach (var model in new[] { new Perceptron(maxIterations: 200).Fit(x, y), new PerceptronDual(maxIterations: 200).Fit(x, y) })
        {
            Assert.False(model.Converged);
            Assert.True(model.UpdateCount > PerceptronAlgorithm.HistoryLimit);
            Assert.Equal(PerceptronAlgorithm.HistoryLimit, model.History.Count);
            Assert.True(model.HistoryTruncated);
            // α of a kept update is rebuilt from the indices so far: Σα = η·Step.
            Assert.Equal(model.History[^1].Step, model.History[^1].Alpha.Sum(), 9);
        }
    }

    [Fact]
    public void The_dual_perceptron_refuses_a_gram_matrix_too_large_for_one_array_before_allocating_it()
    {
        int n = 46_341; // n² > Array.MaxLength
        var x = Matrix<double>.Build.Dense(n, 1, (i, _) => i % 2 == 0 ? 1.0 : -1.0);
        var y = Vector<double>.Build.Dense(n, i => i % 2 == 0 ? 1.0 : -1.0);
        var e = Assert.ThrowsAny<ArgumentException>(() => new PerceptronDual().Fit(x, y));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("46,340", e.Message);
        Assert.Contains("primal Perceptron", e.Message);
        Assert.ThrowsAny<ArgumentException>(() => PerceptronDual.GramMatrix(x));
    }

    [Fact]
    public void Histories_keep_at_most_the_recording_limit_with_the_start_and_the_end()
    {
        var tumour = LogisticDatasets.Tumor();
        var logistic = new LogisticRegression(learningRate: 0.1, maxIterations: 30_000, recordEvery: 1, tolerance: 0, alpha: 0.1).Fit(tumour.X, tumour.Y);
        Assert.Equal(Recording.MaxEntries, logistic.History.Count);
        Assert.Equal(0, logistic.History[0].Epoch);
        Assert.Equal(30_000, logistic.History[^1].Epoch);
        Assert.Equal(logistic.Report!.FinalLoss, logistic.History[^1].Loss);

        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0.99 }, { 2, 2.01 }, { 3, 2.98 }, { 4, 4.02 } });
        var y = Vector<double>.Build.Dense([1.0, 2.0, 3.0, 4.0]);
        var gd = new GradientDescentRegression(maxIterations: 30_000, tolerance: 0, fitIntercept: false).Fit(x, y);
        Assert.Equal(Recording.MaxEntries, gd.History.Count);
        Assert.Equal(0, gd.History[0].Iteration);
        Assert.Equal(gd.Iterations, gd.History[^1].Iteration);
        Assert.Equal(gd.DesignCoefficients.ToArray(), gd.History[^1].Coefficients);
    }
}
