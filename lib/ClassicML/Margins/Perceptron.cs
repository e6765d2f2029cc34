using System.Numerics.Tensors;
using ClassicML.Validation;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Margins;

/// <summary>
/// The perceptron in its primal form (Li Hang, Algorithm 2.1). It minimises
/// <c>L(w, b) = −Σ_{xᵢ∈M} yᵢ(w·xᵢ + b)</c> over the misclassified set M by stochastic gradient descent:
/// visiting the samples in <see cref="PerceptronAlgorithm.Order"/>, each sample with <c>yᵢ(w·xᵢ + b) ≤ 0</c> triggers
/// <c>w ← w + η·yᵢ·xᵢ</c>, <c>b ← b + η·yᵢ</c>. A pass with no update ends the run.
/// </summary>
/// <remarks>
/// On data that is not linearly separable the loop would never end, so it stops after
/// <see cref="PerceptronAlgorithm.MaxIterations"/> passes and the model reports <see cref="PerceptronModel.Converged"/> = false.
/// </remarks>
public sealed class Perceptron : PerceptronAlgorithm
{
    /// <summary>Sets the hyper-parameters; nothing is learned until <see cref="Fit"/>.</summary>
    /// <param name="learningRate">The step η &gt; 0 (the book uses 0 &lt; η ≤ 1, η = 1 in its examples).</param>
    /// <param name="maxIterations">The most passes over the data (one pass = one iteration) before giving up (≥ 1).</param>
    /// <param name="order">The visiting order, a permutation of 0..N−1; null visits rows 0, 1, …, N−1.</param>
    /// <param name="recordHistory">Keep a <see cref="PerceptronUpdate"/> per update, the first <see cref="PerceptronAlgorithm.HistoryLimit"/> of them.</param>
    public Perceptron(double learningRate = 1.0, int maxIterations = 1000, IReadOnlyList<int>? order = null, bool recordHistory = true)
        : base(learningRate, maxIterations, order, recordHistory)
    {
    }

    /// <summary>Runs Algorithm 2.1 from <c>w = 0, b = 0</c> on rows of <paramref name="x"/> labelled ±1 by <paramref name="y"/>.</summary>
    /// <param name="x">N×n features, all finite.</param>
    /// <param name="y">N labels, each −1 or +1.</param>
    public override PerceptronModel Fit(Matrix<double> x, Vector<double> y)
    {
        var data = LabeledData.From(x, y);
        var order = PerceptronSettings.ResolveOrder(Order, data.Count);
        int n = data.Dimension, count = data.Count;
        double eta = LearningRate;
        var w = new double[n];
        var alpha = new double[count];
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
                var xi = data.Row(i);
                double yi = data.Labels[i];
                if (yi * (TensorPrimitives.Dot(w, xi) + b) > 0)
                    continue;
                // w ← w + (η yᵢ) xᵢ, in place: exact overlap of destination and addend is allowed.
                TensorPrimitives.MultiplyAdd(xi, eta * yi, w, w);
                b += eta * yi;
                alpha[i] += eta;
                updates++;
                clean = false;
                if (RecordHistory && updates <= HistoryLimit)
                {
                    visited.Add(i);
                    trace.Add(new PerceptronUpdate(updates, pass, i, Vector<double>.Build.Dense((double[])w.Clone()), b, visited, count, eta));
                }
            }
        }
        int wrong = clean ? 0 : PerceptronSettings.CountMisclassified(data, w, b);
        return new PerceptronModel(PerceptronForm.Primal, Vector<double>.Build.Dense(w), b, Vector<double>.Build.Dense(alpha), null,
            eta, order, trace, updates, pass, MaxIterations, wrong);
    }

    /// <summary>A seeded random permutation of 0..count−1, for trying other visiting orders reproducibly.</summary>
    public static int[] RandomOrder(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }
}

/// <summary>
/// What both perceptron forms share: the hyper-parameters η, the pass limit, the visiting order and whether to keep a
/// trace, and a <see cref="Fit"/> that starts from zero and returns a <see cref="PerceptronModel"/>.
/// </summary>
public abstract class PerceptronAlgorithm
{
    private protected PerceptronAlgorithm(double learningRate, int maxIterations, IReadOnlyList<int>? order, bool recordHistory)
    {
        PerceptronSettings.Validate(learningRate, maxIterations);
        LearningRate = learningRate;
        MaxIterations = maxIterations;
        Order = order?.ToArray();
        RecordHistory = recordHistory;
    }

    /// <summary>The learning rate η &gt; 0.</summary>
    public double LearningRate { get; }

    /// <summary>The most passes over the data.</summary>
    public int MaxIterations { get; }

    /// <summary>The visiting order (null: rows in order).</summary>
    public IReadOnlyList<int>? Order { get; }

    /// <summary>Whether updates are recorded (at most <see cref="HistoryLimit"/> of them).</summary>
    public bool RecordHistory { get; }

    /// <summary>
    /// The most updates a history keeps: 10,000 (<see cref="Recording.MaxEntries"/>). Each kept update holds w (n numbers), so a history is at most
    /// 10,000·n doubles whatever N and the pass limit; on data that is not separable the run can make
    /// maxIterations·N updates, which would otherwise grow without bound (N = 2,000 ran out of memory).
    /// </summary>
    public const int HistoryLimit = Recording.MaxEntries;

    /// <summary>Runs the algorithm from <c>w = 0, b = 0</c> (α = 0) on rows of <paramref name="x"/> labelled ±1 by <paramref name="y"/>.</summary>
    /// <param name="x">N×n features, all finite.</param>
    /// <param name="y">N labels, each −1 or +1.</param>
    public abstract PerceptronModel Fit(Matrix<double> x, Vector<double> y);
}

/// <summary>Checks shared by both perceptron forms.</summary>
internal static class PerceptronSettings
{
    public static void Validate(double learningRate, int maxIterations)
    {
        Check.Positive(learningRate, nameof(learningRate), "the book uses η = 1");
        Check.AtLeast(maxIterations, 1, nameof(maxIterations));
    }

    public static int[] ResolveOrder(IReadOnlyList<int>? order, int count)
    {
        if (order is null)
            return Enumerable.Range(0, count).ToArray();
        if (order.Count != count)
            throw new ArgumentException($"The visiting order has {order.Count} entries but the data has {count} rows; pass a permutation of 0..{count - 1}.", nameof(order));
        var seen = new bool[count];
        foreach (int i in order)
        {
            if (i < 0 || i >= count || seen[i])
                throw new ArgumentException($"The visiting order must be a permutation of 0..{count - 1}; index {i} is out of range or repeated.", nameof(order));
            seen[i] = true;
        }
        return order.ToArray();
    }

    public static int CountMisclassified(LabeledData data, double[] w, double b)
    {
        int wrong = 0;
        for (int i = 0; i < data.Count; i++)
            if (data.Labels[i] * (TensorPrimitives.Dot(w, data.Row(i)) + b) <= 0)
                wrong++;
        return wrong;
    }
}
