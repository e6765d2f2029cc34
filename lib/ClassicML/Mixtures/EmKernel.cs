using ClassicML.Linear;
using ClassicML.Numerics;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ClassicML.Mixtures;

/// <summary>
/// The E-step and the M-step sums of EM for a full-covariance Gaussian mixture, fused into one pass over
/// the data. All buffers are allocated once here; a pass allocates nothing per sample.
/// </summary>
/// <remarks>
/// Layout: X is column-major, so every coordinate of a block of samples is a contiguous span and each
/// step is a vectorised <see cref="TensorPrimitives"/> call over up to <see cref="BlockRows"/> samples.
/// Per component the whitened residual y = L⁻¹(x − μ) comes from forward substitution with the Cholesky
/// factor Σ = L Lᵀ, so log 𝒩(x | μ, Σ) = −½‖y‖² − (D/2) log 2π − Σ_d log L_dd needs no inverse and no
/// determinant. Samples are cut into fixed chunks whose partial sums are added in chunk order, so the
/// result is the same bit for bit whatever the number of threads.
/// The M-step sums are taken about the current means c_k (shifted data): with δ = Σ_i γ_ik(x_i − c_k)/N_k,
/// Σ_k = Σ_i γ_ik (x_i − c_k)(x_i − c_k)ᵀ/N_k − δδᵀ, which avoids the cancellation of E[xxᵀ] − μμᵀ.
/// </remarks>
internal sealed class EmKernel
{
    internal const int BlockRows = 1024;
    internal const int ChunkRows = 16 * BlockRows;
    private const int FusedRows = 256;
    private static readonly double HalfLog2Pi = 0.5 * Math.Log(2 * Math.PI);

    public readonly int N, D, K;
    private readonly double[] _x;          // column-major N×D
    private readonly double[] _mu;         // K·D current means (also the shift of the sums)
    private readonly double[] _chol;       // K·D·D lower Cholesky factors, row-major
    private readonly double[] _invDiag;    // K·D 1/L_dd
    private readonly double[] _logNorm;    // K: log π_k − (D/2) log 2π − Σ_d log L_dd
    private readonly int _chunks, _stride; // partial layout per chunk: [ll, nk(K), s1(K·D), s2(K·D·D)]
    private readonly double[] _partials;
    private readonly double[] _totals;
    private readonly Scratch[] _scratch;
    private readonly int _workers;
    private readonly Action<int> _workerBody;
    private readonly ParallelOptions _parallelOptions;
    private readonly int _productRun;      // vectors per lane between two logarithms of Π s_i (Block2Fused)

    // Settings of the pass in progress (read by the workers).
    private bool _accumulate;
    private double[]? _logDensityOut;
    private double[]? _respOut;

    public EmKernel(double[] xColumnMajor, int n, int d, int k, int? maxDegreeOfParallelism)
    {
        N = n; D = d; K = k;
        _x = xColumnMajor;
        _mu = new double[k * d];
        _chol = new double[k * d * d];
        _invDiag = new double[k * d];
        _logNorm = new double[k];
        _chunks = (n + ChunkRows - 1) / ChunkRows;
        _stride = 1 + k + k * d + k * d * d;
        _partials = new double[_chunks * _stride];
        _totals = new double[_stride];
        int cores = maxDegreeOfParallelism ?? Environment.ProcessorCount;
        _workers = Math.Max(1, Math.Min(cores, _chunks));
        int rows = Math.Min(BlockRows, n);
        _scratch = new Scratch[_workers];
        for (int w = 0; w < _workers; w++) _scratch[w] = new Scratch(rows, d, k);
        _workerBody = Work;
        _parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = _workers };
        // s_i ≤ K, so a run of r factors stays below 2¹⁰⁰⁰ when r·log₂K ≤ 1000.
        _productRun = (int)Math.Clamp(1000 / Math.Ceiling(Math.Log2(Math.Max(2, k))), 1, 256);
    }

    /// <summary>Total responsibility N_k of component k from the last accumulating pass.</summary>
    public double EffectiveCount(int k) => _totals[1 + k];

    /// <summary>
    /// Loads parameters; returns false (and the failing component) when a covariance has no Cholesky factor.
    /// </summary>
    public bool TrySetParameters(ReadOnlySpan<double> weights, ReadOnlySpan<double> means, ReadOnlySpan<double> covariances, out int failed)
    {
        int d = D;
        for (int k = 0; k < K; k++)
        {
            var l = _chol.AsSpan(k * d * d, d * d);
            if (!SmallCholesky.TryFactor(covariances.Slice(k * d * d, d * d), l, d))
            {
                failed = k;
                return false;
            }
            double logDet = 0;
            for (int a = 0; a < d; a++)
            {
                logDet += Math.Log(l[a * d + a]);
                _invDiag[k * d + a] = 1.0 / l[a * d + a];
            }
            _logNorm[k] = Math.Log(weights[k]) - d * HalfLog2Pi - logDet;
        }
        means.CopyTo(_mu);
        failed = -1;
        return true;
    }

    /// <summary>
    /// One pass: the E-step (per-sample log-density, optionally responsibilities) and, when
    /// <paramref name="accumulate"/>, the M-step sums N_k, Σγ(x − c), Σγ(x − c)(x − c)ᵀ. Returns log p(X | θ).
    /// </summary>
    public double Pass(bool accumulate, double[]? logDensityOut, double[]? respOut)
    {
        _accumulate = accumulate;
        _logDensityOut = logDensityOut;
        _respOut = respOut;
        if (_workers == 1) Work(0);
        else Parallel.For(0, _workers, _parallelOptions, _workerBody);
        // Reduce in chunk order: deterministic whatever the thread count.
        Array.Clear(_totals);
        for (int c = 0; c < _chunks; c++)
            TensorPrimitives.Add(_totals, _partials.AsSpan(c * _stride, _stride), _totals);
        _logDensityOut = null;
        _respOut = null;
        return _totals[0];
    }

    /// <summary>Evaluates fixed parameters: log-likelihood, and optionally log-densities and responsibilities.</summary>
    public double Evaluate(MixtureParameters p, double[]? logDensityOut, double[]? respOut)
    {
        if (!TrySetParameters(p.WeightSpan, p.MeanSpan, p.CovarianceSpan, out int failed))
            throw new ArgumentException($"Covariance {failed} is not positive definite.", nameof(p));
        return Pass(false, logDensityOut, respOut);
    }

    /// <summary>
    /// Finishes the M-step from the sums of the last pass: π_k = N_k/N, μ_k = c_k + δ_k,
    /// Σ_k = S_k/N_k − δ_kδ_kᵀ + λI. Returns −1, or the first component whose N_k fell below
    /// <paramref name="minCount"/> (it lost its points; nothing is written for it).
    /// </summary>
    public int MStep(double regularization, double minCount, Span<double> weights, Span<double> means, Span<double> covariances)
    {
        int d = D;
        for (int k = 0; k < K; k++)
        {
            double nk = _totals[1 + k];
            if (!(nk >= minCount)) return k;
        }
        double total = 0;
        for (int k = 0; k < K; k++) total += _totals[1 + k];
        for (int k = 0; k < K; k++)
        {
            double nk = _totals[1 + k];
            weights[k] = nk / total;
            var s1 = _totals.AsSpan(1 + K + k * d, d);
            var s2 = _totals.AsSpan(1 + K + K * d + k * d * d, d * d);
            for (int a = 0; a < d; a++)
                means[k * d + a] = _mu[k * d + a] + s1[a] / nk;
            for (int a = 0; a < d; a++)
                for (int b = 0; b <= a; b++)
                {
                    // Only b ≤ a was accumulated; mirror it.
                    double v = s2[a * d + b] / nk - (s1[a] / nk) * (s1[b] / nk);
                    if (a == b) v += regularization;
                    covariances[k * d * d + a * d + b] = v;
                    covariances[k * d * d + b * d + a] = v;
                }
        }
        return -1;
    }

    private void Work(int worker)
    {
        var s = _scratch[worker];
        for (int c = worker; c < _chunks; c += _workers)
        {
            var partial = _partials.AsSpan(c * _stride, _stride);
            partial.Clear();
            int end = Math.Min(N, (c + 1) * ChunkRows);
            for (int i0 = c * ChunkRows; i0 < end; i0 += BlockRows)
            {
                if (D == 2 && Vector512.IsHardwareAccelerated && _respOut is null && _logDensityOut is null)
                {
                    // Quarter blocks: x, ℓ/e and 1/s of 256 rows (16 KiB for K = 5) stay in L1 for the M-step loops.
                    int len = Math.Min(BlockRows, end - i0);
                    for (int j = 0; j < len; j += FusedRows) Block2Fused(i0 + j, Math.Min(FusedRows, len - j), s, partial);
                }
                else if (D == 2) Block2(i0, Math.Min(BlockRows, end - i0), s, partial);
                else Block(i0, Math.Min(BlockRows, end - i0), s, partial);
            }
        }
    }

    private void Block(int i0, int b, Scratch s, Span<double> partial)
    {
        int n = N, d = D, kk = K, rows = s.Rows;
        for (int k = 0; k < kk; k++)
        {
            var logp = s.LogP.AsSpan(k * rows, b);
            logp.Clear();
            var l = _chol.AsSpan(k * d * d, d * d);
            for (int a = 0; a < d; a++)
            {
                var cen = s.Centred.AsSpan((k * d + a) * rows, b);
                TensorPrimitives.Subtract(_x.AsSpan(a * n + i0, b), _mu[k * d + a], cen);
                // Forward substitution: y_a = (c_a − Σ_{j<a} L_aj y_j) / L_aa.
                var y = s.White.AsSpan(a * rows, b);
                if (a == 0)
                    TensorPrimitives.Multiply(cen, _invDiag[k * d], y);
                else
                {
                    cen.CopyTo(y);
                    for (int j = 0; j < a; j++)
                        TensorPrimitives.MultiplyAdd(s.White.AsSpan(j * rows, b), -l[a * d + j], y, y);
                    TensorPrimitives.Multiply(y, _invDiag[k * d + a], y);
                }
                TensorPrimitives.MultiplyAdd(y, y, logp, logp); // ‖y‖² so far
            }
            // ℓ_ik = log π_k + log 𝒩(x_i | μ_k, Σ_k) = logNorm_k − ½‖y‖².
            TensorPrimitives.Multiply(logp, -0.5, logp);
            TensorPrimitives.Add(logp, _logNorm[k], logp);
        }

        if (!LogSumExp(i0, b, s, partial)) return;
        var sum = s.Sum.AsSpan(0, b);
        var tmp = s.Tmp.AsSpan(0, b);
        for (int k = 0; k < kk; k++)
        {
            var r = s.LogP.AsSpan(k * rows, b);
            TensorPrimitives.Multiply(r, sum, r); // γ_ik = exp(ℓ_k − m) / Σ_j exp(ℓ_j − m)
            if (_respOut is { } ro) r.CopyTo(ro.AsSpan(k * n + i0, b));
            if (!_accumulate) continue;
            partial[1 + k] += TensorPrimitives.Sum(r);
            var s1 = partial.Slice(1 + kk + k * d, d);
            var s2 = partial.Slice(1 + kk + kk * d + k * d * d, d * d);
            for (int a = 0; a < d; a++)
            {
                var ca = s.Centred.AsSpan((k * d + a) * rows, b);
                TensorPrimitives.Multiply(r, ca, tmp);
                s1[a] += TensorPrimitives.Sum(tmp);
                for (int e = 0; e <= a; e++)
                    s2[a * d + e] += TensorPrimitives.Dot(tmp, s.Centred.AsSpan((k * d + e) * rows, b));
            }
        }
    }

    /// <summary>
    /// The same pass as <see cref="Block"/> for D = 2, with the per-component work fused into single
    /// <see cref="Vector{T}"/> loops (centre, whiten, log-density; then responsibilities and the five M-step
    /// sums) so each sample is loaded once per component instead of once per elementary operation.
    /// </summary>
    private void Block2(int i0, int b, Scratch s, Span<double> partial)
    {
        int n = N, kk = K, rows = s.Rows, w = Vector<double>.Count;
        var x0 = _x.AsSpan(i0, b);
        var x1 = _x.AsSpan(n + i0, b);
        for (int k = 0; k < kk; k++)
        {
            double m0 = _mu[2 * k], m1 = _mu[2 * k + 1];
            double i00 = _invDiag[2 * k], i11 = _invDiag[2 * k + 1], l10 = _chol[4 * k + 2], ln = _logNorm[k];
            var c0 = s.Centred.AsSpan(2 * k * rows, b);
            var c1 = s.Centred.AsSpan((2 * k + 1) * rows, b);
            var lp = s.LogP.AsSpan(k * rows, b);
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var vm0 = new Vector<double>(m0); var vm1 = new Vector<double>(m1);
                var vi00 = new Vector<double>(i00); var vi11 = new Vector<double>(i11);
                var vl10 = new Vector<double>(l10); var vln = new Vector<double>(ln); var half = new Vector<double>(0.5);
                for (; i <= b - w; i += w)
                {
                    var a0 = new Vector<double>(x0[i..]) - vm0;
                    var a1 = new Vector<double>(x1[i..]) - vm1;
                    a0.CopyTo(c0[i..]);
                    a1.CopyTo(c1[i..]);
                    var y0 = a0 * vi00;
                    var y1 = (a1 - vl10 * y0) * vi11;
                    (vln - half * (y0 * y0 + y1 * y1)).CopyTo(lp[i..]);
                }
            }
            for (; i < b; i++)
            {
                double a0 = x0[i] - m0, a1 = x1[i] - m1;
                c0[i] = a0; c1[i] = a1;
                double y0 = a0 * i00, y1 = (a1 - l10 * y0) * i11;
                lp[i] = ln - 0.5 * (y0 * y0 + y1 * y1);
            }
        }

        if (!LogSumExp(i0, b, s, partial)) return;
        var sum = s.Sum.AsSpan(0, b);
        for (int k = 0; k < kk; k++)
        {
            var r = s.LogP.AsSpan(k * rows, b);
            if (!_accumulate)
            {
                TensorPrimitives.Multiply(r, sum, _respOut.AsSpan(k * n + i0, b));
                continue;
            }
            var c0 = s.Centred.AsSpan(2 * k * rows, b);
            var c1 = s.Centred.AsSpan((2 * k + 1) * rows, b);
            double sn = 0, s0 = 0, s1 = 0, s00 = 0, s10 = 0, s11 = 0;
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                Vector<double> vn = default, v0 = default, v1 = default, v00 = default, v10 = default, v11 = default;
                for (; i <= b - w; i += w)
                {
                    var g = new Vector<double>(r[i..]) * new Vector<double>(sum[i..]); // γ_ik
                    g.CopyTo(r[i..]);
                    var a0 = new Vector<double>(c0[i..]);
                    var a1 = new Vector<double>(c1[i..]);
                    var t0 = g * a0;
                    var t1 = g * a1;
                    vn += g; v0 += t0; v1 += t1;
                    v00 += t0 * a0; v10 += t1 * a0; v11 += t1 * a1;
                }
                sn = Vector.Sum(vn); s0 = Vector.Sum(v0); s1 = Vector.Sum(v1);
                s00 = Vector.Sum(v00); s10 = Vector.Sum(v10); s11 = Vector.Sum(v11);
            }
            for (; i < b; i++)
            {
                double g = r[i] * sum[i];
                r[i] = g;
                double t0 = g * c0[i], t1 = g * c1[i];
                sn += g; s0 += t0; s1 += t1;
                s00 += t0 * c0[i]; s10 += t1 * c0[i]; s11 += t1 * c1[i];
            }
            if (_respOut is { } ro) r.CopyTo(ro.AsSpan(k * n + i0, b));
            partial[1 + k] += sn;
            int o1 = 1 + kk + 2 * k, o2 = 1 + kk + kk * 2 + 4 * k;
            partial[o1] += s0; partial[o1 + 1] += s1;
            partial[o2] += s00; partial[o2 + 2] += s10; partial[o2 + 3] += s11;
        }
    }

    /// <summary>
    /// The fitting pass for D = 2 (no per-sample outputs) in two Vector512 loops over the block. First, per 8 samples,
    /// ℓ_ik = logNorm_k − ½‖L_k⁻¹(x_i − μ_k)‖² for every k, m_i = max_k ℓ_ik, e_ik = exp(ℓ_ik − m_i) ∈ [0, 1] by
    /// <see cref="VectorMath.Exp(Vector512{double})"/> and s_i = Σ_k e_ik ∈ [1, K]; then, per component, γ_ik = e_ik / s_i
    /// and the M-step sums about the current means (the centred values are recomputed, not stored).
    /// </summary>
    /// <remarks>
    /// log p(x_i) = m_i + ln s_i is summed as Σ m_i + ln Π s_i: each lane multiplies at most <see cref="_productRun"/>
    /// factors s_i ∈ [1, K] (no overflow: K^run ≤ 2¹⁰⁰⁰) before one vector logarithm, so there is no logarithm per
    /// sample; the product's relative rounding (≤ run·2⁻⁵³) is an absolute error of the same size in the sum.
    /// </remarks>
    private void Block2Fused(int i0, int b, Scratch s, Span<double> partial)
    {
        const int w = 8; // Vector512<double>.Count
        int n = N, kk = K, rows = s.Rows, vb = b / w * w;
        ref var x0 = ref MemoryMarshal.GetArrayDataReference(_x);
        ref var lp = ref MemoryMarshal.GetArrayDataReference(s.LogP);
        ref var inv = ref MemoryMarshal.GetArrayDataReference(s.Sum);
        nuint c0 = (nuint)i0, c1 = (nuint)(n + i0);
        var one = Vector512<double>.One;
        var half = Vector512.Create(0.5);
        Vector512<double> maxSum = default, logs = default, product = one;
        int run = 0;
        for (int i = 0; i < vb; i += w)
        {
            var v0 = Vector512.LoadUnsafe(ref x0, c0 + (nuint)i);
            var v1 = Vector512.LoadUnsafe(ref x0, c1 + (nuint)i);
            var m = Vector512.Create(double.NegativeInfinity);
            for (int k = 0; k < kk; k++)
            {
                var a0 = v0 - Vector512.Create(_mu[2 * k]);
                var a1 = v1 - Vector512.Create(_mu[2 * k + 1]);
                var y0 = a0 * Vector512.Create(_invDiag[2 * k]);
                var y1 = Vector512.FusedMultiplyAdd(-Vector512.Create(_chol[4 * k + 2]), y0, a1) * Vector512.Create(_invDiag[2 * k + 1]);
                var l = Vector512.FusedMultiplyAdd(-half, Vector512.FusedMultiplyAdd(y1, y1, y0 * y0), Vector512.Create(_logNorm[k]));
                l.StoreUnsafe(ref lp, (nuint)(k * rows + i));
                m = Vector512.Max(m, l);
            }
            var sum = Vector512<double>.Zero;
            for (int k = 0; k < kk; k++)
            {
                var e = VectorMath.Exp(Vector512.LoadUnsafe(ref lp, (nuint)(k * rows + i)) - m);
                e.StoreUnsafe(ref lp, (nuint)(k * rows + i));
                sum += e;
            }
            maxSum += m;
            product *= sum;
            if (++run == _productRun)
            {
                logs += Vector512.Log(product);
                product = one;
                run = 0;
            }
            (one / sum).StoreUnsafe(ref inv, (nuint)i);
        }
        double ll = Vector512.Sum(maxSum) + Vector512.Sum(logs + Vector512.Log(product));
        for (int i = vb; i < b; i++)
        {
            double m = double.NegativeInfinity;
            for (int k = 0; k < kk; k++)
            {
                double a0 = _x[i0 + i] - _mu[2 * k], a1 = _x[n + i0 + i] - _mu[2 * k + 1];
                double y0 = a0 * _invDiag[2 * k], y1 = (a1 - _chol[4 * k + 2] * y0) * _invDiag[2 * k + 1];
                double l = _logNorm[k] - 0.5 * (y0 * y0 + y1 * y1);
                s.LogP[k * rows + i] = l;
                m = Math.Max(m, l);
            }
            double sum = 0;
            for (int k = 0; k < kk; k++)
            {
                double e = Math.Exp(s.LogP[k * rows + i] - m);
                s.LogP[k * rows + i] = e;
                sum += e;
            }
            ll += m + Math.Log(sum);
            s.Sum[i] = 1.0 / sum;
        }
        partial[0] += ll;
        if (!_accumulate) return;

        for (int k = 0; k < kk; k++)
        {
            var mu0 = Vector512.Create(_mu[2 * k]);
            var mu1 = Vector512.Create(_mu[2 * k + 1]);
            Vector512<double> vn = default, v0s = default, v1s = default, v00 = default, v10 = default, v11 = default;
            for (int i = 0; i < vb; i += w)
            {
                var g = Vector512.LoadUnsafe(ref lp, (nuint)(k * rows + i)) * Vector512.LoadUnsafe(ref inv, (nuint)i); // γ_ik
                var a0 = Vector512.LoadUnsafe(ref x0, c0 + (nuint)i) - mu0;
                var a1 = Vector512.LoadUnsafe(ref x0, c1 + (nuint)i) - mu1;
                var t0 = g * a0;
                var t1 = g * a1;
                vn += g; v0s += t0; v1s += t1;
                v00 = Vector512.FusedMultiplyAdd(t0, a0, v00);
                v10 = Vector512.FusedMultiplyAdd(t1, a0, v10);
                v11 = Vector512.FusedMultiplyAdd(t1, a1, v11);
            }
            double sn = Vector512.Sum(vn), s0 = Vector512.Sum(v0s), s1 = Vector512.Sum(v1s);
            double s00 = Vector512.Sum(v00), s10 = Vector512.Sum(v10), s11 = Vector512.Sum(v11);
            for (int i = vb; i < b; i++)
            {
                double g = s.LogP[k * rows + i] * s.Sum[i];
                double a0 = _x[i0 + i] - _mu[2 * k], a1 = _x[n + i0 + i] - _mu[2 * k + 1];
                double t0 = g * a0, t1 = g * a1;
                sn += g; s0 += t0; s1 += t1;
                s00 += t0 * a0; s10 += t1 * a0; s11 += t1 * a1;
            }
            partial[1 + k] += sn;
            int o1 = 1 + kk + 2 * k, o2 = 1 + kk + kk * 2 + 4 * k;
            partial[o1] += s0; partial[o1 + 1] += s1;
            partial[o2] += s00; partial[o2 + 2] += s10; partial[o2 + 3] += s11;
        }
    }

    /// <summary>
    /// The part of the E-step both block passes share, once the ℓ_ik are in <c>s.LogP</c>: log p(xᵢ) = m + log Σ_k exp(ℓ_ik − m)
    /// with m = max_k ℓ_ik (added to the log-likelihood and written out when asked). Leaves exp(ℓ_ik − m) in <c>s.LogP</c>
    /// and 1 / Σ_k exp(ℓ_ik − m) in <c>s.Sum</c>, so γ_ik is their product; returns false when no responsibilities are wanted.
    /// </summary>
    private bool LogSumExp(int i0, int b, Scratch s, Span<double> partial)
    {
        int kk = K, rows = s.Rows;
        var m = s.Max.AsSpan(0, b);
        var sum = s.Sum.AsSpan(0, b);
        var tmp = s.Tmp.AsSpan(0, b);
        s.LogP.AsSpan(0, b).CopyTo(m);
        for (int k = 1; k < kk; k++)
            TensorPrimitives.Max(m, s.LogP.AsSpan(k * rows, b), m);
        sum.Clear();
        for (int k = 0; k < kk; k++)
        {
            var logp = s.LogP.AsSpan(k * rows, b);
            TensorPrimitives.Subtract(logp, m, logp);
            TensorPrimitives.Exp(logp, logp);
            TensorPrimitives.Add(sum, logp, sum);
        }
        TensorPrimitives.Log(sum, tmp);
        TensorPrimitives.Add(tmp, m, tmp);
        partial[0] += TensorPrimitives.Sum(tmp);
        if (_logDensityOut is { } ld) tmp.CopyTo(ld.AsSpan(i0, b));
        if (!_accumulate && _respOut is null) return false;
        TensorPrimitives.Reciprocal(sum, sum);
        return true;
    }

    private sealed class Scratch(int rows, int d, int k)
    {
        public readonly int Rows = rows;
        public readonly double[] Centred = new double[k * d * rows]; // x − μ_k per component and coordinate
        public readonly double[] White = new double[d * rows];       // y = L⁻¹(x − μ_k), one component at a time
        public readonly double[] LogP = new double[k * rows];        // ℓ_ik, then exp(ℓ_ik − m_i), then γ_ik
        public readonly double[] Max = new double[rows];
        public readonly double[] Sum = new double[rows];
        public readonly double[] Tmp = new double[rows];
    }
}
