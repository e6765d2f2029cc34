namespace ClassicML.Numerics;

/// <summary>
/// λ_max(XᵀX), the largest eigenvalue of a Gram matrix, by power iteration v ← XᵀX v / ‖XᵀX v‖. It sets the step of
/// every gradient method in the library (the gradient of the squared error is Lipschitz with constant 2λ_max/n).
/// </summary>
internal static class GramEigenvalue
{
    /// <summary>
    /// Power iteration on p × p products supplied by <paramref name="gramTimes"/> (writes XᵀX·v into its second
    /// argument), until the Rayleigh quotient changes by at most 10⁻¹⁰ relative. It approaches λ_max from below.
    /// Returns 0 exactly when XᵀX = 0 (every column of X is zero).
    /// </summary>
    /// <remarks>
    /// The start is deliberately uneven: the all-ones vector lies in the null space of designs such as [x, −x] (or an
    /// intercept column with features summing to a constant), where it would report λ = 0 for a non-zero matrix. Should
    /// even this start give XᵀX v = 0, the unit vectors are tried in turn; all of them giving 0 means XᵀX = 0.
    /// </remarks>
    public static double Largest(int p, Action<double[], double[]> gramTimes, int maxIterations = 500)
    {
        var v = new double[p];
        var gv = new double[p];
        for (var j = 0; j < p; j++) v[j] = 1 + 0.5 * Math.Sin(j + 1);
        Normalize(v);
        gramTimes(v, gv);
        for (var k = 0; Norm(gv) == 0; k++)
        {
            if (k == p) return 0;
            Array.Clear(v);
            v[k] = 1;
            gramTimes(v, gv);
        }
        double lambda = 0;
        for (var it = 0; it < maxIterations; it++)
        {
            if (it > 0) gramTimes(v, gv);
            double next = 0;
            for (var j = 0; j < p; j++) next += v[j] * gv[j]; // Rayleigh quotient vᵀXᵀXv, ‖v‖ = 1
            Array.Copy(gv, v, p);
            Normalize(v);
            if (it > 5 && Math.Abs(next - lambda) <= 1e-10 * next) return next;
            lambda = next;
        }
        return lambda;
    }

    private static double Norm(double[] v) => System.Numerics.Tensors.TensorPrimitives.Norm<double>(v);

    private static void Normalize(double[] v) => System.Numerics.Tensors.TensorPrimitives.Divide(v, Norm(v), v);
}
