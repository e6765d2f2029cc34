using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Margins;

/// <summary>Which of Li Hang's two perceptron algorithms produced a model.</summary>
public enum PerceptronForm
{
    /// <summary>Algorithm 2.1: stochastic gradient steps on w and b directly.</summary>
    Primal,

    /// <summary>Algorithm 2.2: counts α per sample and works only with the Gram matrix G = X·Xᵀ.</summary>
    Dual,
}

/// <summary>
/// One perceptron update (a misclassified sample was visited), with the parameters right after it:
/// <c>w ← w + η·yᵢ·xᵢ</c>, <c>b ← b + η·yᵢ</c>, equivalently <c>αᵢ ← αᵢ + η</c>.
/// </summary>
/// <remarks>
/// An update stores only its w (n numbers); α (N numbers) is rebuilt on demand from the indices of the updates so far,
/// <c>αⱼ = η·#{k ≤ Step : Index_k = j}</c>, so a history costs O(updates·n) memory instead of O(updates·N).
/// </remarks>
public sealed class PerceptronUpdate
{
    private readonly IReadOnlyList<int> _indices;
    private readonly int _count;
    private readonly double _eta;

    internal PerceptronUpdate(int step, int pass, int index, Vector<double> w, double b, IReadOnlyList<int> indices, int count, double eta)
    {
        Step = step;
        Pass = pass;
        Index = index;
        W = w;
        B = b;
        _indices = indices;
        _count = count;
        _eta = eta;
    }

    /// <summary>1-based number of the update.</summary>
    public int Step { get; }

    /// <summary>1-based pass over the data in which it happened.</summary>
    public int Pass { get; }

    /// <summary>0-based row of the sample that was misclassified (the book's x₁ is index 0).</summary>
    public int Index { get; }

    /// <summary>Weights after the update, <c>w = Σⱼ αⱼ yⱼ xⱼ</c> (a copy).</summary>
    public Vector<double> W { get; }

    /// <summary>Bias after the update, <c>b = Σⱼ αⱼ yⱼ</c>.</summary>
    public double B { get; }

    /// <summary>Per-sample update totals after the update, <c>αⱼ = η·(updates caused by xⱼ)</c> (a new vector per call).</summary>
    public Vector<double> Alpha
    {
        get
        {
            var alpha = new double[_count];
            for (int k = 0; k < Step; k++) alpha[_indices[k]] += _eta;
            return Vector<double>.Build.Dense(alpha);
        }
    }
}

/// <summary>
/// A fitted perceptron <c>f(x) = sign(w·x + b)</c>, the same object for the primal and the dual form:
/// both forms track <c>w = Σᵢ αᵢ yᵢ xᵢ</c>, <c>b = Σᵢ αᵢ yᵢ</c> and the per-sample totals α.
/// </summary>
public sealed class PerceptronModel : IClassifier
{
    internal PerceptronModel(PerceptronForm form, Vector<double> w, double b, Vector<double> alpha, Matrix<double>? gram,
        double learningRate, IReadOnlyList<int> order, IReadOnlyList<PerceptronUpdate> trace, int updateCount,
        int passes, int maxIterations, int misclassifiedAtEnd)
    {
        Form = form;
        W = w;
        B = b;
        Alpha = alpha;
        Gram = gram;
        LearningRate = learningRate;
        Order = order;
        History = trace;
        UpdateCount = updateCount;
        Passes = passes;
        MisclassifiedAtEnd = misclassifiedAtEnd;
        Converged = misclassifiedAtEnd == 0;
        Message = Converged
            ? $"Converged: {updateCount} updates, a final pass with no mistakes (pass {passes})."
            : $"Did not converge: stopped after {maxIterations} passes ({updateCount} updates) with {misclassifiedAtEnd} sample(s) still on the wrong side. " +
              "The data may not be linearly separable (then the perceptron never stops by itself); try a soft-margin method, or more passes if the margin is tiny.";
    }

    /// <summary>Which algorithm produced the model.</summary>
    public PerceptronForm Form { get; }

    /// <summary>The weights <c>w = Σᵢ αᵢ yᵢ xᵢ</c>.</summary>
    public Vector<double> W { get; }

    /// <summary>The bias <c>b = Σᵢ αᵢ yᵢ</c>.</summary>
    public double B { get; }

    /// <summary><c>αᵢ = η·nᵢ</c>, where nᵢ is how many times sample i triggered an update.</summary>
    public Vector<double> Alpha { get; }

    /// <summary>The Gram matrix <c>Gᵢⱼ = xᵢ·xⱼ</c> the dual form worked with; null for the primal form, which never forms it.</summary>
    public Matrix<double>? Gram { get; }

    /// <summary>The learning rate η (0 &lt; η).</summary>
    public double LearningRate { get; }

    /// <summary>The visiting order: one pass visits rows <c>Order[0], Order[1], …</c>.</summary>
    public IReadOnlyList<int> Order { get; }

    /// <summary>
    /// The first updates in order, at most <see cref="PerceptronAlgorithm.HistoryLimit"/> of them (empty when the history
    /// was switched off); <see cref="HistoryTruncated"/> says whether later updates were left out.
    /// </summary>
    public IReadOnlyList<PerceptronUpdate> History { get; }

    /// <summary>True when the run made more updates than <see cref="PerceptronAlgorithm.HistoryLimit"/> and only the first ones were kept.</summary>
    public bool HistoryTruncated => History.Count < UpdateCount && History.Count > 0;

    /// <summary>Total number of updates (mistakes), <c>Σᵢ αᵢ / η</c>.</summary>
    public int UpdateCount { get; }

    /// <summary>Passes over the data, including the final mistake-free pass when converged.</summary>
    public int Passes { get; }

    /// <summary>True when the last pass found no sample with <c>yᵢ(w·xᵢ + b) ≤ 0</c>.</summary>
    public bool Converged { get; }

    /// <summary>Samples with <c>yᵢ(w·xᵢ + b) ≤ 0</c> under the final parameters (0 when converged).</summary>
    public int MisclassifiedAtEnd { get; }

    /// <summary>A sentence saying whether and how the run stopped.</summary>
    public string Message { get; }

    /// <summary>The score <c>w·x + b</c> (its sign is the class; its size over ‖w‖ the distance to the hyperplane).</summary>
    public double Decision(Vector<double> x) => MarginMath.Decision(W, B, x);

    /// <summary>The class <c>sign(w·x + b)</c>, with the book's convention sign(0) = +1.</summary>
    public double Predict(Vector<double> x) => Decision(x) >= 0 ? 1.0 : -1.0;

    /// <summary>The class <c>sign(w·xᵢ + b)</c> (sign(0) = +1) of every row of <paramref name="x"/>.</summary>
    public Vector<double> Predict(Matrix<double> x) => MarginMath.PredictRows(W, B, x);

    /// <summary>The labels, (−1, +1).</summary>
    public IReadOnlyList<double> Classes { get; } = [-1.0, 1.0];

    /// <summary>Converged after a pass with no mistakes; otherwise IterationLimit (the pass limit) with the advice in <see cref="Message"/>.</summary>
    public FitReport Report => new(Converged ? FitStatus.Converged : FitStatus.IterationLimit, Passes, Message);

    /// <summary>
    /// The geometric margin of this hyperplane on a data set, <c>minᵢ yᵢ(w·xᵢ + b)/‖w‖</c>:
    /// positive when every sample is on its side, the distance of the closest one.
    /// </summary>
    public double GeometricMargin(Matrix<double> x, Vector<double> y) => MarginMath.GeometricMargin(W, B, x, y);

    /// <inheritdoc/>
    public override string ToString() =>
        $"Perceptron ({Form}) w = ({string.Join(", ", W.Select(v => v.ToString("G6")))}), b = {B:G6}; {Message}";
}
