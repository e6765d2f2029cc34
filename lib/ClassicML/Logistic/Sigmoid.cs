namespace ClassicML.Logistic;

/// <summary>
/// The logistic sigmoid σ(z) = 1 / (1 + e^(−z)), its derivative and its inverse (the logit),
/// written so that no input produces an overflow, a NaN or a loss of the small tail.
/// </summary>
public static class Sigmoid
{
    /// <summary>
    /// σ(z) = 1 / (1 + e^(−z)). For z ≥ 0 this is evaluated as 1 / (1 + e^(−z)); for z &lt; 0 as
    /// e^z / (1 + e^z), so the exponent is never positive and nothing overflows: σ(−800) = 0, σ(800) = 1.
    /// </summary>
    /// <param name="z">The logit (log-odds); any finite or infinite value. NaN gives NaN.</param>
    public static double Value(double z)
    {
        // e^(−|z|) ∈ (0, 1]: both branches divide by a number in [1, 2], so the result is exact to rounding.
        var e = Math.Exp(-Math.Abs(z));
        return z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
    }

    /// <summary>
    /// σ′(z) = σ(z)(1 − σ(z)) = σ(z)·σ(−z). The product σ(z)σ(−z) is used because 1 − σ(z) rounds to 0
    /// once σ(z) is within half an ulp of 1 (z &gt; 37), while σ(−z) keeps its full relative precision.
    /// </summary>
    /// <param name="z">The logit.</param>
    public static double Derivative(double z) => Value(z) * Value(-z);

    /// <summary>
    /// log σ(z) = −softplus(−z) = −(max(−z, 0) + ln(1 + e^(−|z|))): finite for every finite z,
    /// where ln(σ(z)) would give ln 0 = −∞ once σ(z) underflows (z &lt; −745).
    /// </summary>
    /// <param name="z">The logit.</param>
    public static double LogValue(double z) => 0.0 - Softplus(-z); // 0.0 − x turns −0 into +0 for display

    /// <summary>
    /// softplus(z) = ln(1 + e^z) = max(z, 0) + ln(1 + e^(−|z|)); the second form never overflows.
    /// It is the per-sample cross-entropy of a negative example with logit z.
    /// </summary>
    /// <param name="z">Any real number.</param>
    public static double Softplus(double z) => Math.Max(z, 0.0) + LogOnePlus(Math.Exp(-Math.Abs(z)));

    /// <summary>
    /// The logit (log-odds), the inverse of σ: logit(p) = ln(p / (1 − p)). logit(0) = −∞, logit(1) = +∞.
    /// </summary>
    /// <param name="p">A probability in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="p"/> is outside [0, 1] or NaN.</exception>
    public static double Logit(double p)
    {
        if (!(p >= 0.0 && p <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability must lie in [0, 1]; pass σ(z) or a class frequency, not a logit.");
        return Math.Log(p) - LogOnePlus(-p);
    }

    /// <summary>ln(1 + x) accurate for tiny x (Math.Log(1 + x) loses x below 1e−16).</summary>
    internal static double LogOnePlus(double x)
    {
        // Kahan's trick: u = 1 + x rounded; ln(u)·x/(u − 1) corrects the rounding of u.
        var u = 1.0 + x;
        if (u == 1.0) return x;
        if (double.IsInfinity(u)) return u;
        return Math.Log(u) * x / (u - 1.0);
    }
}
