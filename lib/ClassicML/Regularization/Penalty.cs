using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Regularization;

/// <summary>
/// A penalty R(w) added to a data-fit loss: its value, a (sub)gradient and its proximal operator
/// prox_{tR}(v) = argmin_w ( ½‖w − v‖² + t·R(w) ).
/// </summary>
/// <remarks>
/// Conventions follow scikit-learn's elastic net so that the three penalties are one family:
/// L1: α‖w‖₁, L2: (α/2)‖w‖², elastic net: α(ρ‖w‖₁ + ((1−ρ)/2)‖w‖²).
/// The intercept is never passed to a penalty: it is not penalised.
/// </remarks>
public abstract record Penalty
{
    /// <summary>The strength α ≥ 0 (0 turns the penalty off).</summary>
    public abstract double Alpha { get; }

    /// <summary>The penalty value R(w).</summary>
    public double Value(Vector<double> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return Value(AsSpan(w));
    }

    /// <summary>A subgradient g ∈ ∂R(w); at w_j = 0 the L1 part contributes 0 (the minimum-norm choice).</summary>
    public Vector<double> Subgradient(Vector<double> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var g = new double[w.Count];
        Subgradient(AsSpan(w), g);
        return Vector<double>.Build.Dense(g);
    }

    /// <summary>The proximal operator prox_{tR}(v) = argmin_w ( ½‖w − v‖² + t·R(w) ), for a step t ≥ 0.</summary>
    public Vector<double> Proximal(Vector<double> v, double step)
    {
        ArgumentNullException.ThrowIfNull(v);
        Guard.NonNegativeFinite(step, nameof(step));
        var result = new double[v.Count];
        Proximal(AsSpan(v), step, result);
        return Vector<double>.Build.Dense(result);
    }

    /// <summary>The penalty value R(w) of a span of weights.</summary>
    public abstract double Value(ReadOnlySpan<double> w);

    /// <summary>Writes a subgradient of R at <paramref name="w"/> into <paramref name="destination"/>.</summary>
    public abstract void Subgradient(ReadOnlySpan<double> w, Span<double> destination);

    /// <summary>Writes prox_{tR}(v) into <paramref name="destination"/> (it may be the same memory as v).</summary>
    public abstract void Proximal(ReadOnlySpan<double> v, double step, Span<double> destination);

    /// <summary>No penalty: R(w) = 0, gradient 0, prox is the identity.</summary>
    public static Penalty None { get; } = new NoPenalty();

    /// <summary>The lasso penalty α‖w‖₁.</summary>
    public static Penalty L1(double alpha) => new L1Penalty(alpha);

    /// <summary>The ridge penalty (α/2)‖w‖².</summary>
    public static Penalty L2(double alpha) => new L2Penalty(alpha);

    /// <summary>The elastic-net penalty α(ρ‖w‖₁ + ((1−ρ)/2)‖w‖²) with mixing ρ = <paramref name="l1Ratio"/> ∈ [0, 1].</summary>
    public static Penalty ElasticNet(double alpha, double l1Ratio) => new ElasticNetPenalty(alpha, l1Ratio);

    /// <summary>
    /// Soft thresholding S_t(z) = sign(z)·max(|z| − t, 0): the proximal operator of t|·|.
    /// Every |z| ≤ t becomes exactly 0, which is where the lasso's zeros come from.
    /// </summary>
    public static double SoftThreshold(double z, double threshold)
    {
        if (z > threshold) return z - threshold;
        if (z < -threshold) return z + threshold;
        return 0.0;
    }

    internal static ReadOnlySpan<double> AsSpan(Vector<double> v) =>
        v.Storage is MathNet.Numerics.LinearAlgebra.Storage.DenseVectorStorage<double> dense ? dense.Data.AsSpan(0, v.Count) : v.ToArray();
}

/// <summary>No penalty: R(w) = 0.</summary>
public sealed record NoPenalty : Penalty
{
    /// <summary>Always 0.</summary>
    public override double Alpha => 0.0;

    /// <inheritdoc/>
    public override double Value(ReadOnlySpan<double> w) => 0.0;

    /// <inheritdoc/>
    public override void Subgradient(ReadOnlySpan<double> w, Span<double> destination) => destination[..w.Length].Clear();

    /// <summary>The identity: prox_0(v) = v.</summary>
    public override void Proximal(ReadOnlySpan<double> v, double step, Span<double> destination) => v.CopyTo(destination);
}

/// <summary>The lasso penalty R(w) = α‖w‖₁ = α Σ|w_j|.</summary>
public sealed record L1Penalty : Penalty
{
    /// <summary>Creates α‖w‖₁.</summary>
    /// <param name="alpha">α ≥ 0.</param>
    public L1Penalty(double alpha) => Alpha = Guard.NonNegativeFinite(alpha, nameof(alpha));

    /// <summary>The strength α.</summary>
    public override double Alpha { get; }

    /// <summary>α Σ|w_j|.</summary>
    public override double Value(ReadOnlySpan<double> w) => Alpha * System.Numerics.Tensors.TensorPrimitives.SumOfMagnitudes(w);

    /// <summary>α·sign(w_j), with sign(0) = 0 (any value in [−α, α] is a valid subgradient there).</summary>
    public override void Subgradient(ReadOnlySpan<double> w, Span<double> destination)
    {
        for (var j = 0; j < w.Length; j++) destination[j] = Alpha * Math.Sign(w[j]);
    }

    /// <summary>Soft thresholding: w_j = sign(v_j)·max(|v_j| − tα, 0).</summary>
    public override void Proximal(ReadOnlySpan<double> v, double step, Span<double> destination)
    {
        var t = step * Alpha;
        for (var j = 0; j < v.Length; j++) destination[j] = SoftThreshold(v[j], t);
    }
}

/// <summary>The ridge penalty R(w) = (α/2)‖w‖².</summary>
public sealed record L2Penalty : Penalty
{
    /// <summary>Creates (α/2)‖w‖².</summary>
    /// <param name="alpha">α ≥ 0.</param>
    public L2Penalty(double alpha) => Alpha = Guard.NonNegativeFinite(alpha, nameof(alpha));

    /// <summary>The strength α.</summary>
    public override double Alpha { get; }

    /// <summary>(α/2) Σ w_j².</summary>
    public override double Value(ReadOnlySpan<double> w) => 0.5 * Alpha * System.Numerics.Tensors.TensorPrimitives.SumOfSquares(w);

    /// <summary>The gradient α·w.</summary>
    public override void Subgradient(ReadOnlySpan<double> w, Span<double> destination) =>
        System.Numerics.Tensors.TensorPrimitives.Multiply(w, Alpha, destination);

    /// <summary>Shrinkage: w = v / (1 + tα); never exactly zero unless v is.</summary>
    public override void Proximal(ReadOnlySpan<double> v, double step, Span<double> destination) =>
        System.Numerics.Tensors.TensorPrimitives.Multiply(v, 1.0 / (1.0 + step * Alpha), destination);
}

/// <summary>The elastic-net penalty R(w) = α(ρ‖w‖₁ + ((1−ρ)/2)‖w‖²).</summary>
public sealed record ElasticNetPenalty : Penalty
{
    /// <summary>Creates α(ρ‖w‖₁ + ((1−ρ)/2)‖w‖²).</summary>
    /// <param name="alpha">α ≥ 0.</param>
    /// <param name="l1Ratio">ρ ∈ [0, 1]: 1 is the lasso, 0 is ridge.</param>
    public ElasticNetPenalty(double alpha, double l1Ratio)
    {
        Alpha = Guard.NonNegativeFinite(alpha, nameof(alpha));
        if (!(l1Ratio >= 0 && l1Ratio <= 1))
            throw new ArgumentOutOfRangeException(nameof(l1Ratio), l1Ratio, "The L1 ratio ρ must lie in [0, 1] (1 = lasso, 0 = ridge).");
        L1Ratio = l1Ratio;
    }

    /// <summary>The strength α.</summary>
    public override double Alpha { get; }

    /// <summary>The mixing ρ ∈ [0, 1].</summary>
    public double L1Ratio { get; }

    /// <summary>αρ Σ|w_j| + (α(1−ρ)/2) Σ w_j².</summary>
    public override double Value(ReadOnlySpan<double> w) =>
        Alpha * L1Ratio * System.Numerics.Tensors.TensorPrimitives.SumOfMagnitudes(w)
        + 0.5 * Alpha * (1 - L1Ratio) * System.Numerics.Tensors.TensorPrimitives.SumOfSquares(w);

    /// <summary>αρ·sign(w_j) + α(1−ρ)·w_j, with sign(0) = 0.</summary>
    public override void Subgradient(ReadOnlySpan<double> w, Span<double> destination)
    {
        for (var j = 0; j < w.Length; j++) destination[j] = Alpha * (L1Ratio * Math.Sign(w[j]) + (1 - L1Ratio) * w[j]);
    }

    /// <summary>Soft threshold then shrink: w_j = S_{tαρ}(v_j) / (1 + tα(1−ρ)).</summary>
    public override void Proximal(ReadOnlySpan<double> v, double step, Span<double> destination)
    {
        var t = step * Alpha * L1Ratio;
        var shrink = 1.0 / (1.0 + step * Alpha * (1 - L1Ratio));
        for (var j = 0; j < v.Length; j++) destination[j] = SoftThreshold(v[j], t) * shrink;
    }
}
