using System.Globalization;
using System.Numerics.Tensors;
using System.Text;

namespace ClassicML.Margins;

/// <summary>One Karush–Kuhn–Tucker condition and how well a solution meets it.</summary>
/// <param name="Name">Short name, e.g. "complementary slackness".</param>
/// <param name="Formula">The condition, in plain text.</param>
/// <param name="Residual">The largest violation over all samples (0 means exactly met).</param>
/// <param name="Holds">True when <paramref name="Residual"/> ≤ the report's tolerance.</param>
public sealed record KktCondition(string Name, string Formula, double Residual, bool Holds);

/// <summary>
/// The KKT conditions of the hard-margin SVM, <c>min ½‖w‖² s.t. yᵢ(w·xᵢ + b) ≥ 1</c>, with Lagrangian
/// <c>L = ½‖w‖² − Σ αᵢ[yᵢ(w·xᵢ + b) − 1]</c>: primal feasibility, dual feasibility αᵢ ≥ 0,
/// stationarity ∇_w L = w − Σ αᵢ yᵢ xᵢ = 0 and ∂L/∂b = −Σ αᵢ yᵢ = 0, complementary slackness
/// αᵢ[yᵢ(w·xᵢ + b) − 1] = 0, and the duality gap ½‖w‖² − (Σ αᵢ − ½‖Σ αᵢ yᵢ xᵢ‖²) that they imply is 0.
/// </summary>
public sealed class KktReport
{
    internal KktReport(IReadOnlyList<KktCondition> conditions, double tolerance)
    {
        Conditions = conditions;
        Tolerance = tolerance;
    }

    /// <summary>The conditions, in the order listed above.</summary>
    public IReadOnlyList<KktCondition> Conditions { get; }

    /// <summary>The tolerance each residual was compared with.</summary>
    public double Tolerance { get; }

    /// <summary>True when every condition holds to <see cref="Tolerance"/>.</summary>
    public bool AllHold => Conditions.All(c => c.Holds);

    /// <summary>The largest residual, <c>max_c residual_c</c>.</summary>
    public double MaxResidual => Conditions.Max(c => c.Residual);

    /// <summary>A small text table: condition, residual, ✔/✘.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"KKT conditions (tolerance {Tolerance:G3}):\n");
        foreach (var c in Conditions)
            text.Append(CultureInfo.InvariantCulture, $"  {(c.Holds ? "✔" : "✘")} {c.Name,-26} {c.Formula,-34} residual {c.Residual:E2}\n");
        return text.ToString();
    }

    /// <summary>
    /// Evaluates the conditions for (w, b, α) on the data. With a finite penalty <paramref name="c"/> (soft margin)
    /// the slacks are ξᵢ = max(0, 1 − yᵢ(w·xᵢ + b)), dual feasibility is 0 ≤ αᵢ ≤ C, complementary slackness
    /// adds (C − αᵢ)ξᵢ = 0 and the primal objective adds C·Σξᵢ.
    /// </summary>
    internal static KktReport Evaluate(LabeledData data, double[] w, double b, double[] alpha, double tolerance, double c = double.PositiveInfinity)
    {
        bool soft = double.IsFinite(c);
        int n = data.Dimension;
        double primal = 0, dual = 0, slack = 0, balance = 0, sumAlpha = 0, sumXi = 0;
        var combination = new double[n];
        for (int i = 0; i < data.Count; i++)
        {
            double yi = data.Labels[i];
            double excess = yi * (TensorPrimitives.Dot(w, data.Row(i)) + b) - 1.0;
            double xi = soft ? Math.Max(0, -excess) : 0;
            sumXi += xi;
            primal = Math.Max(primal, -(excess + xi));
            dual = Math.Max(dual, Math.Max(-alpha[i], soft ? alpha[i] - c : 0));
            slack = Math.Max(slack, Math.Abs(alpha[i] * (excess + xi)));
            if (soft)
                slack = Math.Max(slack, Math.Abs((c - alpha[i]) * xi));
            balance += alpha[i] * yi;
            sumAlpha += alpha[i];
            TensorPrimitives.MultiplyAdd(data.Row(i), alpha[i] * yi, combination, combination);
        }
        var diff = new double[n];
        TensorPrimitives.Subtract(w, combination, diff);
        double stationarity = TensorPrimitives.MaxMagnitude(diff);
        double primalObjective = 0.5 * TensorPrimitives.Dot(w, w) + (soft ? c * sumXi : 0);
        double dualObjective = sumAlpha - 0.5 * TensorPrimitives.Dot(combination, combination);
        double gap = Math.Abs(primalObjective - dualObjective);
        KktCondition C(string name, string formula, double residual) => new(name, formula, residual, residual <= tolerance);
        return new KktReport(
        [
            C("primal feasibility", soft ? "yᵢ(w·xᵢ + b) − 1 + ξᵢ ≥ 0" : "yᵢ(w·xᵢ + b) − 1 ≥ 0", primal),
            C("dual feasibility", soft ? "0 ≤ αᵢ ≤ C" : "αᵢ ≥ 0", dual),
            C("stationarity in w", "w − Σ αᵢyᵢxᵢ = 0", stationarity),
            C("stationarity in b", "Σ αᵢyᵢ = 0", Math.Abs(balance)),
            C("complementary slackness", soft ? "αᵢ[yᵢf(xᵢ) − 1 + ξᵢ] = 0, (C − αᵢ)ξᵢ = 0" : "αᵢ[yᵢ(w·xᵢ + b) − 1] = 0", slack),
            C("zero duality gap", soft ? "½‖w‖² + CΣξᵢ = Σαᵢ − ½‖Σαᵢyᵢxᵢ‖²" : "½‖w‖² = Σαᵢ − ½‖Σαᵢyᵢxᵢ‖²", gap),
        ], tolerance);
    }
}
