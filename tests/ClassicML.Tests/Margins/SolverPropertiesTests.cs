using ClassicML.Margins;
using FsCheck;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Margins;

/// <summary>Properties on random separable sets (the set is a function of the FsCheck-chosen seed, so failures replay).</summary>
public class SolverPropertiesTests
{
    private static LabeledSet Data(int seed)
    {
        var random = new Random(seed);
        return MarginData.Separable(count: 4 + random.Next(40), dimension: 2 + random.Next(3), gap: 0.2 + random.NextDouble() * 0.8, seed: seed);
    }

    [Property(MaxTest = 40)]
    public bool Svm_margin_is_at_least_the_margin_of_every_perceptron_solution(NonNegativeInt seed)
    {
        var (x, y) = Data(seed.Get);
        var svm = new HardMarginSvm().Fit(x, y);
        for (int k = 0; k < 5; k++)
        {
            var order = Perceptron.RandomOrder(x.RowCount, seed.Get * 31 + k);
            var perceptron = new Perceptron(order: order, maxIterations: 100_000, recordHistory: false).Fit(x, y);
            if (!perceptron.Converged) return false;
            double margin = perceptron.GeometricMargin(x, y);
            if (!(margin > 0) || margin > svm.GeometricMargin + 1e-9) return false;
        }
        return true;
    }

    [Property(MaxTest = 40)]
    public bool Svm_satisfies_every_kkt_condition_to_1e_9(NonNegativeInt seed)
    {
        var (x, y) = Data(seed.Get);
        var svm = new HardMarginSvm().Fit(x, y);
        return svm.Converged && svm.Kkt.AllHold && svm.Kkt.Tolerance == 1e-9
               && Math.Abs(svm.PrimalObjective - svm.DualObjective) <= 1e-9 * Math.Max(1, svm.PrimalObjective);
    }

    [Property(MaxTest = 25)]
    public bool Dual_svm_matches_the_independent_primal_solve(NonNegativeInt seed)
    {
        var (x, y) = Data(seed.Get);
        var dual = new HardMarginSvm().Fit(x, y);
        var primal = new HardMarginSvmPrimal().Fit(x, y);
        double scale = Math.Max(1, dual.W.L2Norm());
        return primal.Converged
               && (dual.W - primal.W).InfinityNorm() <= 1e-7 * scale
               && Math.Abs(dual.B - primal.B) <= 1e-7 * Math.Max(1, Math.Abs(dual.B));
    }

    [Property(MaxTest = 40)]
    public bool Svm_margin_width_equals_the_distance_between_the_class_hulls_and_exceeds_the_generators_gap(NonNegativeInt seed)
    {
        var random = new Random(seed.Get);
        double gap = 0.2 + random.NextDouble() * 0.8;
        var (x, y) = MarginData.Separable(count: 4 + random.Next(40), dimension: 2, gap: gap, seed: seed.Get);
        var svm = new HardMarginSvm().Fit(x, y);
        var hulls = ConvexHulls.NearestPoints(x, y);
        return Math.Abs(svm.MarginWidth - hulls.Distance) <= 1e-9 * Math.Max(1, hulls.Distance)
               && svm.GeometricMargin >= gap - 1e-12;
    }

    [Property(MaxTest = 40)]
    public bool Primal_and_dual_perceptron_make_the_same_updates_and_end_at_the_same_w_b(NonNegativeInt seed)
    {
        // Integer features and η = 1 keep every quantity an exact integer, so the two forms must agree exactly.
        var random = new Random(seed.Get);
        var (x0, y) = MarginData.Separable(count: 3 + random.Next(30), dimension: 2 + random.Next(2), gap: 1.0, seed: seed.Get);
        var x = x0.Map(Math.Round);
        var separable = y.Count >= 2 && IsSeparableAfterRounding(x, y);
        var order = Perceptron.RandomOrder(x.RowCount, seed.Get);
        var primal = new Perceptron(order: order, maxIterations: 200).Fit(x, y);
        var dual = new PerceptronDual(order: order, maxIterations: 200).Fit(x, y);
        bool same = primal.W.Equals(dual.W) && primal.B == dual.B && primal.Alpha.Equals(dual.Alpha)
                    && primal.Converged == dual.Converged && primal.Passes == dual.Passes
                    && primal.History.Select(u => u.Index).SequenceEqual(dual.History.Select(u => u.Index));
        return same && (!separable || primal.Converged);
    }

    [Property(MaxTest = 30)]
    public bool Primal_and_dual_perceptron_agree_on_real_valued_data_with_any_learning_rate(NonNegativeInt seed)
    {
        var random = new Random(seed.Get);
        var (x, y) = Data(seed.Get);
        double eta = 0.05 + random.NextDouble() * 2;
        var order = Perceptron.RandomOrder(x.RowCount, seed.Get + 1);
        var primal = new Perceptron(learningRate: eta, order: order, maxIterations: 100_000).Fit(x, y);
        var dual = new PerceptronDual(learningRate: eta, order: order, maxIterations: 100_000).Fit(x, y);
        double scale = Math.Max(1, primal.W.L2Norm());
        return primal.Converged && dual.Converged
               && (primal.W - dual.W).InfinityNorm() <= 1e-9 * scale && Math.Abs(primal.B - dual.B) <= 1e-9 * scale
               && (primal.Alpha - dual.Alpha).InfinityNorm() <= 1e-9 * scale;
    }

    [Property(MaxTest = 30)]
    public bool Perceptron_learning_rate_only_rescales_w_and_b_from_a_zero_start(NonNegativeInt seed)
    {
        // From w = 0, b = 0 every quantity is η times its η = 1 value, so the updates are the same.
        var (x, y) = Data(seed.Get);
        var one = new Perceptron(learningRate: 1, maxIterations: 100_000, recordHistory: false).Fit(x, y);
        var quarter = new Perceptron(learningRate: 0.25, maxIterations: 100_000, recordHistory: false).Fit(x, y);
        return one.UpdateCount == quarter.UpdateCount && (one.W * 0.25 - quarter.W).InfinityNorm() <= 1e-9 * Math.Max(1, one.W.L2Norm());
    }

    private static bool IsSeparableAfterRounding(Matrix<double> x, Vector<double> y)
    {
        try { _ = new HardMarginSvm().Fit(x, y); return true; }
        catch (HardMarginInfeasibleException) { return false; }
    }
}
