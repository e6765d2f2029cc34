using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ClassicML.Numerics;

namespace ClassicML.Logistic;

/// <summary>Scratch buffers for <see cref="LogisticKernel"/>, allocated once per fit and reused every epoch.</summary>
internal sealed class LogisticWorkspace
{
    /// <summary>The most rows a block has (narrow data); wider data gets shorter blocks.</summary>
    public const int MaxBlockRows = 4096;

    /// <summary>Creates buffers for an m × n problem.</summary>
    public LogisticWorkspace(int rows, int features)
    {
        Rows = rows;
        Features = features;
        // A block (BlockRows × n doubles, at most 128 KiB) stays in the L2 cache between the pass that forms the
        // logits and the pass that accumulates the gradient, so the matrix is streamed from memory once per epoch.
        BlockRows = Math.Clamp(16384 / features / 64 * 64, 256, MaxBlockRows);
        Blocks = (rows + BlockRows - 1) / BlockRows;
        Z = new double[rows];
        PartialGradient = new double[Blocks * features];
        PartialLoss = new double[Blocks];
        PartialResidual = new double[Blocks];
    }

    /// <summary>m.</summary>
    public int Rows { get; }

    /// <summary>n.</summary>
    public int Features { get; }

    /// <summary>Rows per block, a multiple of 64.</summary>
    public int BlockRows { get; }

    /// <summary>Number of row blocks.</summary>
    public int Blocks { get; }

    /// <summary>Room for the m logits (used by the separability check; <see cref="LogisticKernel.Evaluate"/> works in per-thread block scratch).</summary>
    public double[] Z { get; }

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
    /// Evaluates J = (1/m)Σ[softplus(zᵢ) − yᵢzᵢ] + (α/2)‖W‖² (as softplus(±zᵢ)) and, when <paramref name="gradW"/> is
    /// not null, ∂J/∂W = (1/m)Xᵀ(σ(z) − y) + αW and ∂J/∂b = (1/m)Σ(σ(zᵢ) − yᵢ).
    /// </summary>
    /// <param name="columns">X in column-major order (m rows, n columns).</param>
    /// <param name="y">Labels in {0, 1} (m).</param>
    /// <param name="w">Weights (n).</param>
    /// <param name="b">Bias.</param>
    /// <param name="alpha">α of the penalty (α/2)‖W‖².</param>
    /// <param name="ws">Partial sums sized for this problem.</param>
    /// <param name="gradW">Receives ∂J/∂W (length n), or null to skip the gradient.</param>
    /// <param name="gradB">Receives ∂J/∂b.</param>
    /// <returns>The mean loss J.</returns>
    public static double Evaluate(double[] columns, double[] y, double[] w, double b, double alpha, LogisticWorkspace ws, double[]? gradW, out double gradB)
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
        if (alpha > 0) loss += 0.5 * alpha * TensorPrimitives.Dot<double>(w, w);
        gradB = sumResidual / m;
        if (gradW is not null)
        {
            for (var j = 0; j < n; j++)
            {
                var s = 0.0;
                for (var k = 0; k < ws.Blocks; k++) s += ws.PartialGradient[k * n + j];
                gradW[j] = s / m + alpha * w[j];
            }
        }

        return loss;
    }

    /// <summary>Per-thread block scratch (logits, then residuals), so an epoch writes nothing m-long back to memory.</summary>
    [ThreadStatic]
    private static double[]? t_scratch;

    private static void Block(int k, double[] columns, double[] y, double[] w, double b, LogisticWorkspace ws, bool withGradient)
    {
        int m = ws.Rows, n = ws.Features;
        var start = k * ws.BlockRows;
        var len = Math.Min(ws.BlockRows, m - start);
        if (n <= 4 && Vector512.IsHardwareAccelerated)
        {
            NarrowBlock512(k, columns, y, w, b, ws);
            return;
        }

        var z = (t_scratch ??= new double[LogisticWorkspace.MaxBlockRows]).AsSpan(0, len);

        // z = b + Σ_j W_j x_{:,j}, four columns per pass over z.
        z.Fill(b);
        var j = 0;
        for (; j + 4 <= n; j += 4)
        {
            MultiplyAdd4(columns.AsSpan(j * m + start, len), columns.AsSpan((j + 1) * m + start, len),
                columns.AsSpan((j + 2) * m + start, len), columns.AsSpan((j + 3) * m + start, len), w.AsSpan(j, 4), z);
        }

        for (; j < n; j++)
        {
            if (w[j] != 0.0) TensorPrimitives.MultiplyAdd(new ReadOnlySpan<double>(columns, j * m + start, len), w[j], z, z);
        }

        var labels = new ReadOnlySpan<double>(y, start, len);
        var (loss, sumResidual) = LossAndResiduals(z, labels);
        ws.PartialLoss[k] = loss;
        ws.PartialResidual[k] = sumResidual;
        if (!withGradient) return;
        var gradient = ws.PartialGradient.AsSpan(k * n, n);
        j = 0;
        for (; j + 4 <= n; j += 4)
        {
            Dot4(columns.AsSpan(j * m + start, len), columns.AsSpan((j + 1) * m + start, len),
                columns.AsSpan((j + 2) * m + start, len), columns.AsSpan((j + 3) * m + start, len), z, gradient.Slice(j, 4));
        }

        for (; j < n; j++)
            gradient[j] = TensorPrimitives.Dot(new ReadOnlySpan<double>(columns, j * m + start, len), z);
    }

    /// <summary>z ← z + w₀c₀ + w₁c₁ + w₂c₂ + w₃c₃: one read and write of z for four columns.</summary>
    private static void MultiplyAdd4(ReadOnlySpan<double> c0, ReadOnlySpan<double> c1, ReadOnlySpan<double> c2, ReadOnlySpan<double> c3, ReadOnlySpan<double> w, Span<double> z)
    {
        var v0 = MemoryMarshal.Cast<double, Vector<double>>(c0);
        var v1 = MemoryMarshal.Cast<double, Vector<double>>(c1);
        var v2 = MemoryMarshal.Cast<double, Vector<double>>(c2);
        var v3 = MemoryMarshal.Cast<double, Vector<double>>(c3);
        var vz = MemoryMarshal.Cast<double, Vector<double>>(z);
        Vector<double> w0 = new(w[0]), w1 = new(w[1]), w2 = new(w[2]), w3 = new(w[3]);
        for (var i = 0; i < vz.Length; i++)
            vz[i] = Vector.FusedMultiplyAdd(v3[i], w3, Vector.FusedMultiplyAdd(v2[i], w2, Vector.FusedMultiplyAdd(v1[i], w1, Vector.FusedMultiplyAdd(v0[i], w0, vz[i]))));
        for (var i = vz.Length * Vector<double>.Count; i < z.Length; i++)
            z[i] = Math.FusedMultiplyAdd(c3[i], w[3], Math.FusedMultiplyAdd(c2[i], w[2], Math.FusedMultiplyAdd(c1[i], w[1], Math.FusedMultiplyAdd(c0[i], w[0], z[i]))));
    }

    /// <summary>s_k = c_kᵀr for four columns in one pass over r.</summary>
    private static void Dot4(ReadOnlySpan<double> c0, ReadOnlySpan<double> c1, ReadOnlySpan<double> c2, ReadOnlySpan<double> c3, ReadOnlySpan<double> r, Span<double> s)
    {
        var v0 = MemoryMarshal.Cast<double, Vector<double>>(c0);
        var v1 = MemoryMarshal.Cast<double, Vector<double>>(c1);
        var v2 = MemoryMarshal.Cast<double, Vector<double>>(c2);
        var v3 = MemoryMarshal.Cast<double, Vector<double>>(c3);
        var vr = MemoryMarshal.Cast<double, Vector<double>>(r);
        Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
        for (var i = 0; i < vr.Length; i++)
        {
            var ri = vr[i];
            s0 = Vector.FusedMultiplyAdd(v0[i], ri, s0);
            s1 = Vector.FusedMultiplyAdd(v1[i], ri, s1);
            s2 = Vector.FusedMultiplyAdd(v2[i], ri, s2);
            s3 = Vector.FusedMultiplyAdd(v3[i], ri, s3);
        }

        double t0 = Vector.Sum(s0), t1 = Vector.Sum(s1), t2 = Vector.Sum(s2), t3 = Vector.Sum(s3);
        for (var i = vr.Length * Vector<double>.Count; i < r.Length; i++)
        {
            t0 += c0[i] * r[i]; t1 += c1[i] * r[i]; t2 += c2[i] * r[i]; t3 += c3[i] * r[i];
        }

        s[0] = t0; s[1] = t1; s[2] = t2; s[3] = t3;
    }

    /// <summary>
    /// One fused vector pass over a block: with e = e^(−|z|) ∈ (0, 1] (never overflows, serves both σ and softplus)
    /// and u = 1 + e, σ(z) = 1/u for z ≥ 0 and e/u for z &lt; 0; the loss term −[y ln σ(z) + (1−y) ln(1−σ(z))] is
    /// softplus(s) with s = −z for y = 1 and s = z for y = 0, i.e. s = (1 − 2y)z, and softplus(s) = max(s, 0) + ln(1 + e)
    /// (choosing the sign first avoids the cancellation in softplus(z) − z). Overwrites z with the residuals σ(z) − y.
    /// </summary>
    /// <remarks>
    /// Σ ln(1 + eᵢ) without a logarithm per sample: with u = fl(1 + e) and its rounding error δ = e − (u − 1) (exact,
    /// since u ≥ 1 ≥ e), ln(1 + e) = ln u + ln(1 + δ/u) = ln u + δ/u to within δ²: so Σ ln(1 + eᵢ) = ln Πuᵢ + Σ δᵢ/uᵢ.
    /// Each lane multiplies at most <see cref="ProductRun"/> factors uᵢ ∈ [1, 2] (no overflow, relative rounding ≤ 256ε)
    /// before one vector logarithm. The δ/u terms keep the tail that 1 + e rounds away, so a confidently classified
    /// sample still contributes its e ≈ 10⁻²⁰ (as Kahan's log1p in <see cref="Sigmoid.LogOnePlus"/> would).
    /// </remarks>
    /// <returns>Σ loss terms and Σ residuals over the block.</returns>
    private static (double Loss, double SumResidual) LossAndResiduals(Span<double> z, ReadOnlySpan<double> labels)
    {
        int done;
        double loss, sumResidual;
        if (Vector512.IsHardwareAccelerated)
            (loss, sumResidual, done) = LossAndResiduals512(z, labels);
        else
            (loss, sumResidual, done) = LossAndResidualsVector(z, labels);

        for (var i = done; i < z.Length; i++)
        {
            var zi = z[i];
            var ei = Math.Exp(-Math.Abs(zi));
            var p = zi >= 0 ? 1.0 / (1.0 + ei) : ei / (1.0 + ei);
            loss += Math.Max(labels[i] == 1.0 ? -zi : zi, 0.0) + Sigmoid.LogOnePlus(ei);
            var r = p - labels[i];
            z[i] = r;
            sumResidual += r;
        }

        return (loss, sumResidual);
    }

    /// <summary>Vector iterations per lane between two logarithms of the running products (2²⁵⁶ at most).</summary>
    private const int ProductRun = 256;

    /// <summary>
    /// Narrow data (n ≤ 4): logits, loss, residual and gradient in a single pass over the block, nothing stored:
    /// z = b + Σ_j W_j x_j is formed in registers and each x_j is reused for Σ x_j·r while it is still loaded.
    /// The loss and residual arithmetic is that of <see cref="LossAndResiduals512"/> (the wide path), with the product runs
    /// as an inner loop and every running sum in a register.
    /// </summary>
    private static void NarrowBlock512(int k, double[] columns, double[] y, double[] w, double b, LogisticWorkspace ws)
    {
        int m = ws.Rows, n = ws.Features;
        var start = k * ws.BlockRows;
        var len = Math.Min(ws.BlockRows, m - start);
        // Missing columns (n < 4) read column 0 with weight 0; their gradient is discarded.
        ReadOnlySpan<double> Column(int j) => new(columns, (j < n ? j : 0) * m + start, len);
        var x0 = MemoryMarshal.Cast<double, Vector512<double>>(Column(0));
        var x1 = MemoryMarshal.Cast<double, Vector512<double>>(Column(1));
        var x2 = MemoryMarshal.Cast<double, Vector512<double>>(Column(2));
        var x3 = MemoryMarshal.Cast<double, Vector512<double>>(Column(3));
        var vy = MemoryMarshal.Cast<double, Vector512<double>>(new ReadOnlySpan<double>(y, start, len));
        var w0 = Vector512.Create(w[0]);
        var w1 = Vector512.Create(n > 1 ? w[1] : 0.0);
        var w2 = Vector512.Create(n > 2 ? w[2] : 0.0);
        var w3 = Vector512.Create(n > 3 ? w[3] : 0.0);
        var vb = Vector512.Create(b);
        var one = Vector512<double>.One;
        Vector512<double> plain = default, tail = default, residuals = default, logs = default;
        Vector512<double> g0 = default, g1 = default, g2 = default, g3 = default;
        var wide = n > 2;
        var i = 0;
        while (i < vy.Length)
        {
            // A run of at most ProductRun vectors multiplies the factors u ∈ [1, 2] per lane, then takes one logarithm.
            var end = Math.Min(vy.Length, i + ProductRun);
            var product = one;
            for (; i < end; i++)
            {
                var xa = x0[i];
                var xb = x1[i];
                var z = Vector512.FusedMultiplyAdd(xb, w1, Vector512.FusedMultiplyAdd(xa, w0, vb));
                if (wide) z = Vector512.FusedMultiplyAdd(x3[i], w3, Vector512.FusedMultiplyAdd(x2[i], w2, z));
                var yi = vy[i];
                var e = VectorMath.Exp(-Vector512.Abs(z)); // within 3 ulp of Math.Exp (VectorMath)
                var u = one + e;
                var q = one / u;
                var p = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(z, Vector512<double>.Zero), q, e * q);
                plain += Vector512.Max(Vector512.FusedMultiplyAdd(-(yi + yi), z, z), Vector512<double>.Zero); // s = (1 − 2y)z
                tail = Vector512.FusedMultiplyAdd(e - (u - one), q, tail);
                product *= u;
                var r = p - yi;
                residuals += r;
                g0 = Vector512.FusedMultiplyAdd(xa, r, g0);
                g1 = Vector512.FusedMultiplyAdd(xb, r, g1);
                if (wide)
                {
                    g2 = Vector512.FusedMultiplyAdd(x2[i], r, g2);
                    g3 = Vector512.FusedMultiplyAdd(x3[i], r, g3);
                }
            }

            logs += Vector512.Log(product);
        }

        var loss = Vector512.Sum(plain) + Vector512.Sum(logs) + Vector512.Sum(tail);
        var sumResidual = Vector512.Sum(residuals);
        Span<double> g = [Vector512.Sum(g0), Vector512.Sum(g1), Vector512.Sum(g2), Vector512.Sum(g3)];
        for (var t = vy.Length * Vector512<double>.Count; t < len; t++)
        {
            var zi = b;
            for (var j = 0; j < n; j++) zi += w[j] * columns[j * m + start + t];
            var ei = Math.Exp(-Math.Abs(zi));
            var p = zi >= 0 ? 1.0 / (1.0 + ei) : ei / (1.0 + ei);
            var yi = y[start + t];
            loss += Math.Max(yi == 1.0 ? -zi : zi, 0.0) + Sigmoid.LogOnePlus(ei);
            var r = p - yi;
            sumResidual += r;
            for (var j = 0; j < n; j++) g[j] += columns[j * m + start + t] * r;
        }

        ws.PartialLoss[k] = loss;
        ws.PartialResidual[k] = sumResidual;
        for (var j = 0; j < n; j++) ws.PartialGradient[k * n + j] = g[j];
    }

    private static (double Loss, double SumResidual, int Done) LossAndResiduals512(Span<double> z, ReadOnlySpan<double> labels)
    {
        var one = Vector512<double>.One;
        Vector512<double> plain = default, tail = default, residuals = default, product = one, logs = default;
        var vz = MemoryMarshal.Cast<double, Vector512<double>>(z);
        var vy = MemoryMarshal.Cast<double, Vector512<double>>(labels);
        for (var i = 0; i < vz.Length; i++)
        {
            var zi = vz[i];
            var yi = vy[i];
            var e = VectorMath.Exp(-Vector512.Abs(zi)); // within 3 ulp of Math.Exp (VectorMath)
            var u = one + e;
            var q = one / u;
            var p = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(zi, Vector512<double>.Zero), q, e * q);
            plain += Vector512.Max((one - yi - yi) * zi, Vector512<double>.Zero);
            tail += (e - (u - one)) * q;
            product *= u;
            if ((i + 1) % ProductRun == 0)
            {
                logs += Vector512.Log(product);
                product = one;
            }

            var r = p - yi;
            residuals += r;
            vz[i] = r;
        }

        logs += Vector512.Log(product);
        return (Vector512.Sum(plain) + Vector512.Sum(logs) + Vector512.Sum(tail), Vector512.Sum(residuals), vz.Length * Vector512<double>.Count);
    }

    private static (double Loss, double SumResidual, int Done) LossAndResidualsVector(Span<double> z, ReadOnlySpan<double> labels)
    {
        var one = Vector<double>.One;
        Vector<double> plain = default, tail = default, residuals = default, product = one, logs = default;
        var vz = MemoryMarshal.Cast<double, Vector<double>>(z);
        var vy = MemoryMarshal.Cast<double, Vector<double>>(labels);
        for (var i = 0; i < vz.Length; i++)
        {
            var zi = vz[i];
            var yi = vy[i];
            var e = Vector.Exp(-Vector.Abs(zi));
            var u = one + e;
            var q = one / u;
            var p = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(zi, Vector<double>.Zero), q, e * q);
            plain += Vector.Max((one - yi - yi) * zi, Vector<double>.Zero);
            tail += (e - (u - one)) * q;
            product *= u;
            if ((i + 1) % ProductRun == 0)
            {
                logs += Vector.Log(product);
                product = one;
            }

            var r = p - yi;
            residuals += r;
            vz[i] = r;
        }

        logs += Vector.Log(product);
        return (Vector.Sum(plain) + Vector.Sum(logs) + Vector.Sum(tail), Vector.Sum(residuals), vz.Length * Vector<double>.Count);
    }
}
