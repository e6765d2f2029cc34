using System.Numerics.Tensors;
using ClassicML.Validation;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Margins;

/// <summary>
/// The perceptron in its dual form (Li Hang, Algorithm 2.2). Writing the primal updates' total as
/// <c>w = Σⱼ αⱼ yⱼ xⱼ</c>, <c>b = Σⱼ αⱼ yⱼ</c>, the test for sample i becomes
/// <c>yᵢ(Σⱼ αⱼ yⱼ Gⱼᵢ + b) ≤ 0</c> with the Gram matrix <c>Gⱼᵢ = xⱼ·xᵢ</c>, and an update is
/// <c>αᵢ ← αᵢ + η</c>, <c>b ← b + η·yᵢ</c>. The features enter only through G, which is what lets a kernel replace it.
/// </summary>
/// <remarks>
/// Visiting the samples in the same order with the same η, the dual form makes exactly the updates of
/// <see cref="Perceptron"/> and ends at the same w and b. Memory is N² doubles for G (refused with a clear error past N = 46,340, where N² no longer fits one array).
/// </remarks>
public sealed class PerceptronDual : PerceptronAlgorithm
{
    /// <summary>Sets the hyper-parameters; nothing is learned until <see cref="Fit"/>.</summary>
    /// <param name="learningRate">The step η &gt; 0 added to αᵢ on each mistake.</param>
    /// <param name="maxIterations">The most passes over the data (one pass = one iteration) before giving up (≥ 1).</param>
    /// <param name="order">The visiting order, a permutation of 0..N−1; null visits rows 0, 1, …, N−1.</param>
    /// <param name="recordHistory">Keep a <see cref="PerceptronUpdate"/> per update, the first <see cref="PerceptronAlgorithm.HistoryLimit"/> of them.</param>
    public PerceptronDual(double learningRate = 1.0, int maxIterations = 1000, IReadOnlyList<int>? order = null, bool recordHistory = true)
        : base(learningRate, maxIterations, order, recordHistory)
    {
    }

    /// <summary>The Gram matrix <c>G = X·Xᵀ</c>, <c>Gᵢⱼ = xᵢ·xⱼ</c>.</summary>
    public static Matrix<double> GramMatrix(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        Check.SquareSize(x.RowCount, "The Gram matrix", "Use the primal Perceptron, which never forms it.", nameof(x));
        return x.TransposeAndMultiply(x);
    }

    /// <summary>Runs Algorithm 2.2 from <c>α = 0, b = 0</c> on rows of <paramref name="x"/> labelled ±1 by <paramref name="y"/>.</summary>
    /// <param name="x">N×n features, all finite.</param>
    /// <param name="y">N labels, each −1 or +1.</param>
    public override PerceptronModel Fit(Matrix<double> x, Vector<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        // Before anything N-sized is copied: G has N² entries, and N ≥ 46,341 overflows int indexing.
        Check.SquareSize(x.RowCount, "The dual perceptron's Gram matrix", "Use the primal Perceptron, which never forms it.", nameof(x));
        var data = LabeledData.From(x, y);
        var order = PerceptronSettings.ResolveOrder(Order, data.Count);
        int count = data.Count;
        double eta = LearningRate;
        var gramMatrix = GramMatrix(x);
        // Row-major copy: row i of G is contiguous (G is symmetric, so row i = column i).
        var gram = new double[count * count];
        for (int i = 0; i < count; i++)
            for (int j = 0; j < count; j++)
                gram[i * count + j] = gramMatrix[i, j];
        var labels = data.Labels;
        var alpha = new double[count];
        // score[i] = Σⱼ αⱼ yⱼ Gⱼᵢ, kept up to date so each test is O(1) and each update O(N).
        var score = new double[count];
        double b = 0;
        var trace = new List<PerceptronUpdate>();
        var visited = new List<int>();
        int updates = 0, pass = 0;
        bool clean = false;
        while (!clean && pass < MaxIterations)
        {
            pass++;
            clean = true;
            foreach (int i in order)
            {
                double yi = labels[i];
                if (yi * (score[i] + b) > 0)
                    continue;
                alpha[i] += eta;
                b += eta * yi;
                TensorPrimitives.MultiplyAdd(gram.AsSpan(i * count, count), eta * yi, score, score);
                updates++;
                clean = false;
                if (RecordHistory && updates <= HistoryLimit)
                {
                    visited.Add(i);
                    trace.Add(new PerceptronUpdate(updates, pass, i, WeightsFrom(data, alpha), b, visited, count, eta));
                }
            }
        }
        int wrong = 0;
        if (!clean)
            for (int i = 0; i < count; i++)
                if (labels[i] * (score[i] + b) <= 0)
                    wrong++;
        return new PerceptronModel(PerceptronForm.Dual, WeightsFrom(data, alpha), b, Vector<double>.Build.Dense(alpha), gramMatrix,
            eta, order, trace, updates, pass, MaxIterations, wrong);
    }

    /// <summary><c>w = Σⱼ αⱼ yⱼ xⱼ</c>.</summary>
    private static Vector<double> WeightsFrom(LabeledData data, double[] alpha)
    {
        var w = new double[data.Dimension];
        for (int j = 0; j < data.Count; j++)
            if (alpha[j] != 0)
                TensorPrimitives.MultiplyAdd(data.Row(j), alpha[j] * data.Labels[j], w, w);
        return Vector<double>.Build.Dense(w);
    }
}
