using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Margins;

/// <summary>
/// A fitted linear SVM <c>f(x) = sign(w*·x + b*)</c> with its dual solution α*, recovered as
/// <c>w* = Σᵢ αᵢ* yᵢ xᵢ</c> and, from a support vector xⱼ (αⱼ* &gt; 0), <c>b* = yⱼ − Σᵢ αᵢ* yᵢ (xᵢ·xⱼ)</c>.
/// </summary>
public sealed class SvmModel : IClassifier
{
    private readonly LabeledData _data;

    internal SvmModel(LabeledData data, double[] w, double b, double[] alpha, double c, int iterations, bool converged,
        double finalViolation, bool polished, double kktTolerance)
    {
        _data = data;
        W = Vector<double>.Build.Dense(w);
        B = b;
        Alpha = Vector<double>.Build.Dense(alpha);
        C = c;
        Iterations = iterations;
        Converged = converged;
        FinalViolation = finalViolation;
        Polished = polished;
        double maxAlpha = alpha.Length == 0 ? 0 : alpha.Max();
        SupportVectorIndices = Enumerable.Range(0, alpha.Length).Where(i => alpha[i] > 1e-12 * Math.Max(1, maxAlpha)).ToArray();
        Kkt = KktReport.Evaluate(data, w, b, alpha, kktTolerance, c);
        double norm = Math.Sqrt(TensorPrimitives.Dot(w, w));
        GeometricMargin = 1.0 / norm;
        MarginWidth = 2.0 / norm;
        // ξᵢ = max(0, 1 − yᵢ(w·xᵢ + b)); the hard margin (C = ∞) has no slack term, and C·0 would be NaN there.
        double slack = 0;
        if (double.IsFinite(c))
            for (int i = 0; i < data.Count; i++)
                slack += Math.Max(0, 1 - data.Labels[i] * (TensorPrimitives.Dot(w, data.Row(i)) + b));
        TotalSlack = slack;
        PrimalObjective = 0.5 * norm * norm + (double.IsFinite(c) ? c * slack : 0);
        var combination = SmoSolver.Weights(data, alpha);
        DualObjective = alpha.Sum() - 0.5 * TensorPrimitives.Dot(combination, combination);
    }

    /// <summary>The normal vector <c>w* = Σᵢ αᵢ* yᵢ xᵢ</c>.</summary>
    public Vector<double> W { get; }

    /// <summary>The bias b* (averaged over the free support vectors, each giving <c>yⱼ − Σᵢ αᵢ* yᵢ xᵢ·xⱼ</c>).</summary>
    public double B { get; }

    /// <summary>The dual solution α* (Lagrange multipliers, one per sample).</summary>
    public Vector<double> Alpha { get; }

    /// <summary>The penalty C bounding each αᵢ; +∞ for the hard margin.</summary>
    public double C { get; }

    /// <summary>Rows with αᵢ* &gt; 0: the support vectors, the only samples w* and b* depend on.</summary>
    public IReadOnlyList<int> SupportVectorIndices { get; }

    /// <summary>The geometric margin <c>γ = 1/‖w*‖</c>: distance from the hyperplane to the closest sample (hard margin).</summary>
    public double GeometricMargin { get; }

    /// <summary>The width of the street between the two margin lines <c>w*·x + b* = ±1</c>: <c>2/‖w*‖</c>.</summary>
    public double MarginWidth { get; }

    /// <summary>The total slack <c>Σᵢ ξᵢ</c>, <c>ξᵢ = max(0, 1 − yᵢ(w*·xᵢ + b*))</c>; 0 for the hard margin.</summary>
    public double TotalSlack { get; }

    /// <summary>
    /// The primal objective at (w*, b*): <c>½‖w*‖²</c> for the hard margin, <c>½‖w*‖² + C·Σᵢ ξᵢ</c> for a soft margin —
    /// the quantity the primal problem minimises, so it equals <see cref="DualObjective"/> at the optimum (strong duality).
    /// </summary>
    public double PrimalObjective { get; }

    /// <summary>The dual objective <c>Σᵢ αᵢ − ½‖Σᵢ αᵢ yᵢ xᵢ‖²</c>; equal to the primal at the optimum (strong duality).</summary>
    public double DualObjective { get; }

    /// <summary>SMO iterations (pair updates) used.</summary>
    public int Iterations { get; }

    /// <summary>True when the SMO KKT gap fell to the tolerance before the iteration cap.</summary>
    public bool Converged { get; }

    /// <summary>The final SMO KKT gap <c>m(α) − M(α)</c> = max over I_up of −yᵢ∇ᵢ minus min over I_low of −yᵢ∇ᵢ.</summary>
    public double FinalViolation { get; }

    /// <summary>True when the exact solve of the KKT equalities on the support set replaced the SMO iterate.</summary>
    public bool Polished { get; }

    /// <summary>Every KKT condition with its residual.</summary>
    public KktReport Kkt { get; }

    /// <summary>The score <c>w*·x + b*</c>.</summary>
    public double Decision(Vector<double> x) => MarginMath.Decision(W, B, x);

    /// <summary>The class <c>sign(w*·x + b*)</c>, with sign(0) = +1.</summary>
    public double Predict(Vector<double> x) => Decision(x) >= 0 ? 1.0 : -1.0;

    /// <summary>The class <c>sign(w*·xᵢ + b*)</c> (sign(0) = +1) of every row of <paramref name="x"/>.</summary>
    public Vector<double> Predict(Matrix<double> x) => MarginMath.PredictRows(W, B, x);

    /// <summary>The labels, (−1, +1).</summary>
    public IReadOnlyList<double> Classes { get; } = [-1.0, 1.0];

    /// <summary>Converged when SMO's KKT gap reached the tolerance and the KKT conditions hold; otherwise IterationLimit.</summary>
    public FitReport Report => Converged && Kkt.AllHold
        ? new(FitStatus.Converged, Iterations, $"Converged after {Iterations} SMO iterations; every KKT condition holds.")
        : new(FitStatus.IterationLimit, Iterations, $"SMO stopped after {Iterations} iterations with KKT gap {FinalViolation:G3}{(Kkt.AllHold ? "" : " and a KKT condition violated")}; raise maxIterations or loosen the tolerance.");

    /// <summary>The book's recipe for b* from one support vector j: <c>b* = yⱼ − Σᵢ αᵢ* yᵢ (xᵢ·xⱼ)</c>.</summary>
    /// <param name="j">A 0-based row with αⱼ* &gt; 0.</param>
    public double BiasFromSupportVector(int j)
    {
        if (j < 0 || j >= _data.Count)
            throw new ArgumentOutOfRangeException(nameof(j), j, $"j must be a row index in 0..{_data.Count - 1}.");
        if (!(Alpha[j] > 0))
            throw new ArgumentException($"α[{j}] = {Alpha[j]}; the formula needs a support vector (αⱼ > 0), e.g. one of {string.Join(", ", SupportVectorIndices)}.", nameof(j));
        double sum = 0;
        for (int i = 0; i < _data.Count; i++)
            if (Alpha[i] != 0)
                sum += Alpha[i] * _data.Labels[i] * TensorPrimitives.Dot(_data.Row(i), _data.Row(j));
        return _data.Labels[j] - sum;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"SVM w* = ({string.Join(", ", W.Select(v => v.ToString("G6")))}), b* = {B:G6}, margin {GeometricMargin:G6}, support vectors [{string.Join(", ", SupportVectorIndices)}]";
}
