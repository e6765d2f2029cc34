using System.Numerics.Tensors;

namespace ClassicML.Logistic;

/// <summary>
/// The one pass over the data that every other part calls: logits, mean cross-entropy and its gradient.
/// Works on column-major storage, so each step is a contiguous vector operation over all samples.
/// </summary>
internal static class LogisticKernel
{
    /// <summary>
    /// z = X·W + b (into <paramref name="z"/>), computed column by column: z ← b, then z ← z + W_j·x_{:,j}.
    /// </summary>
    public static void Logits(ReadOnlySpan<double> columns, int rows, ReadOnlySpan<double> w, double b, Span<double> z)
    {
        z[..rows].Fill(b);
        for (var j = 0; j < w.Length; j++)
        {
            if (w[j] == 0.0) continue;
            TensorPrimitives.MultiplyAdd(columns.Slice(j * rows, rows), w[j], z[..rows], z[..rows]);
        }
    }

    /// <summary>
    /// Evaluates J = (1/m)Σ[softplus(zᵢ) − yᵢzᵢ] (as softplus(±zᵢ)) + (λ/2)‖W‖² and, when <paramref name="gradW"/> is not empty,
    /// ∂J/∂W = (1/m)Xᵀ(σ(z) − y) + λW and ∂J/∂b = (1/m)Σ(σ(zᵢ) − yᵢ).
    /// </summary>
    /// <param name="columns">X in column-major order (m rows, n columns).</param>
    /// <param name="rows">m.</param>
    /// <param name="y">Labels in {0, 1}.</param>
    /// <param name="w">Weights (n).</param>
    /// <param name="b">Bias.</param>
    /// <param name="l2">λ.</param>
    /// <param name="z">Scratch of length m; holds σ(z) − y on return when the gradient is asked for.</param>
    /// <param name="gradW">Receives ∂J/∂W (length n), or empty to skip the gradient.</param>
    /// <param name="gradB">Receives ∂J/∂b.</param>
    /// <returns>The mean loss J.</returns>
    public static double Evaluate(ReadOnlySpan<double> columns, int rows, ReadOnlySpan<double> y, ReadOnlySpan<double> w, double b,
        double l2, Span<double> z, Span<double> gradW, out double gradB)
    {
        Logits(columns, rows, w, b, z);
        var loss = 0.0;
        var sumResidual = 0.0;
        for (var i = 0; i < rows; i++)
        {
            var zi = z[i];
            // One exponential serves both σ and softplus: e = e^(−|z|) ∈ (0, 1], never overflows.
            var e = Math.Exp(-Math.Abs(zi));
            var p = zi >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            // −[y ln σ(z) + (1−y) ln(1−σ(z))] is softplus(−z) for y = 1 and softplus(z) for y = 0, with
            // softplus(s) = max(s,0) + ln(1+e^(−|s|)); choosing the sign first avoids the cancellation in softplus(z) − z.
            loss += Math.Max(y[i] == 1.0 ? -zi : zi, 0.0) + Sigmoid.LogOnePlus(e);
            var r = p - y[i];
            z[i] = r;
            sumResidual += r;
        }

        var m = (double)rows;
        loss /= m;
        if (l2 > 0) loss += 0.5 * l2 * TensorPrimitives.Dot(w, w);
        gradB = sumResidual / m;
        if (!gradW.IsEmpty)
        {
            for (var j = 0; j < w.Length; j++)
                gradW[j] = TensorPrimitives.Dot(columns.Slice(j * rows, rows), z[..rows]) / m + l2 * w[j];
        }

        return loss;
    }
}
