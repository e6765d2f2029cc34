using System.Numerics.Tensors;

namespace ClassicML.Logistic;

/// <summary>Scratch buffers for <see cref="LogisticKernel"/>, allocated once per fit and reused every epoch.</summary>
internal sealed class LogisticWorkspace
{
    /// <summary>
    /// Rows per block. A block of columns (4096 rows × n features) stays in cache between the pass that forms the
    /// logits and the pass that accumulates the gradient, so the matrix is streamed from memory once per epoch.
    /// </summary>
    public const int BlockRows = 4096;

    /// <summary>Creates buffers for an m × n problem.</summary>
    public LogisticWorkspace(int rows, int features)
    {
        Rows = rows;
        Features = features;
        Blocks = (rows + BlockRows - 1) / BlockRows;
        Z = new double[rows];
        E = new double[rows];
        PartialGradient = new double[Blocks * features];
        PartialLoss = new double[Blocks];
        PartialResidual = new double[Blocks];
    }

    /// <summary>m.</summary>
    public int Rows { get; }

    /// <summary>n.</summary>
    public int Features { get; }

    /// <summary>Number of row blocks.</summary>
    public int Blocks { get; }

    /// <summary>Logits, then residuals σ(z) − y.</summary>
    public double[] Z { get; }

    /// <summary>e^(−|z|), then ln(1 + e^(−|z|)).</summary>
    public double[] E { get; }

    /// <summary>Per-block Σ xᵢⱼ(σ(zᵢ) − yᵢ), block-major.</summary>
    public double[] PartialGradient { get; }

    /// <summary>Per-block Σ ℓᵢ.</summary>
    public double[] PartialLoss { get; }

    /// <summary>Per-block Σ (σ(zᵢ) − yᵢ).</summary>
    public double[] PartialResidual { get; }
}

/// <summary>
/// The one pass over the data that every other part calls: logits, mean cross-entropy and its gradient.
/// Works on column-major storage in row blocks, each step a contiguous vector operation; blocks run in parallel
/// on large data and their partial sums are added in block order, so the result never depends on scheduling.
/// </summary>
internal static class LogisticKernel
{
    private const int ParallelMinBlocks = 8;

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
    /// Evaluates J = (1/m)Σ[softplus(zᵢ) − yᵢzᵢ] + (λ/2)‖W‖² (as softplus(±zᵢ)) and, when <paramref name="gradW"/> is
    /// not null, ∂J/∂W = (1/m)Xᵀ(σ(z) − y) + λW and ∂J/∂b = (1/m)Σ(σ(zᵢ) − yᵢ).
    /// </summary>
    /// <param name="columns">X in column-major order (m rows, n columns).</param>
    /// <param name="y">Labels in {0, 1} (m).</param>
    /// <param name="w">Weights (n).</param>
    /// <param name="b">Bias.</param>
    /// <param name="l2">λ.</param>
    /// <param name="ws">Scratch sized for this problem; <see cref="LogisticWorkspace.Z"/> holds σ(z) − y on return.</param>
    /// <param name="gradW">Receives ∂J/∂W (length n), or null to skip the gradient.</param>
    /// <param name="gradB">Receives ∂J/∂b.</param>
    /// <returns>The mean loss J.</returns>
    public static double Evaluate(double[] columns, double[] y, double[] w, double b, double l2, LogisticWorkspace ws, double[]? gradW, out double gradB)
    {
        var withGradient = gradW is not null;
        if (ws.Blocks >= ParallelMinBlocks)
            Parallel.For(0, ws.Blocks, k => Block(k, columns, y, w, b, ws, withGradient));
        else
            for (var k = 0; k < ws.Blocks; k++) Block(k, columns, y, w, b, ws, withGradient);

        int m = ws.Rows, n = ws.Features;
        double loss = 0, sumResidual = 0;
        for (var k = 0; k < ws.Blocks; k++)
        {
            loss += ws.PartialLoss[k];
            sumResidual += ws.PartialResidual[k];
        }

        loss /= m;
        if (l2 > 0) loss += 0.5 * l2 * TensorPrimitives.Dot<double>(w, w);
        gradB = sumResidual / m;
        if (gradW is not null)
        {
            for (var j = 0; j < n; j++)
            {
                var s = 0.0;
                for (var k = 0; k < ws.Blocks; k++) s += ws.PartialGradient[k * n + j];
                gradW[j] = s / m + l2 * w[j];
            }
        }

        return loss;
    }

    private static void Block(int k, double[] columns, double[] y, double[] w, double b, LogisticWorkspace ws, bool withGradient)
    {
        int m = ws.Rows, n = ws.Features;
        var start = k * LogisticWorkspace.BlockRows;
        var len = Math.Min(LogisticWorkspace.BlockRows, m - start);
        var z = ws.Z.AsSpan(start, len);
        var e = ws.E.AsSpan(start, len);

        z.Fill(b);
        for (var j = 0; j < n; j++)
        {
            if (w[j] != 0.0) TensorPrimitives.MultiplyAdd(new ReadOnlySpan<double>(columns, j * m + start, len), w[j], z, z);
        }

        // e = e^(−|z|) ∈ (0, 1]: never overflows, and serves both σ and softplus.
        TensorPrimitives.Abs(z, e);
        TensorPrimitives.Negate(e, e);
        TensorPrimitives.Exp(e, e);

        double loss = 0, sumResidual = 0;
        var labels = new ReadOnlySpan<double>(y, start, len);
        for (var i = 0; i < len; i++)
        {
            var zi = z[i];
            var ei = e[i];
            var p = zi >= 0 ? 1.0 / (1.0 + ei) : ei / (1.0 + ei);
            // −[y ln σ(z) + (1−y) ln(1−σ(z))] is softplus(−z) for y = 1 and softplus(z) for y = 0, with
            // softplus(s) = max(s,0) + ln(1+e^(−|s|)); choosing the sign first avoids the cancellation in softplus(z) − z.
            loss += Math.Max(labels[i] == 1.0 ? -zi : zi, 0.0) + Sigmoid.LogOnePlus(ei);
            var r = p - labels[i];
            z[i] = r;
            sumResidual += r;
        }

        ws.PartialLoss[k] = loss;
        ws.PartialResidual[k] = sumResidual;
        if (!withGradient) return;
        for (var j = 0; j < n; j++)
            ws.PartialGradient[k * n + j] = TensorPrimitives.Dot(new ReadOnlySpan<double>(columns, j * m + start, len), z);
    }
}
