using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClassicML.Linear;

/// <summary>
/// The two one-pass kernels behind <see cref="LeastSquares"/>, both on the augmented matrix A = [X | y]
/// (c = p + 1 columns, X column-major): its Gram matrix AᵀA and the R factor of its QR decomposition.
/// </summary>
/// <remarks>
/// Rows are cut into blocks small enough that a block's c column segments stay in the L1/L2 cache while every
/// column pair is worked on, so X is streamed from memory exactly once. Blocks are grouped into chunks of a fixed
/// size (independent of the core count); chunks run in parallel, each with its own accumulator, and the chunk
/// results are combined in chunk order — so the answer is bit-for-bit the same on any machine and any schedule.
/// </remarks>
internal static class LeastSquaresKernels
{
    /// <summary>Rows per block: 24 padded columns × 128 rows × 8 bytes = 24 KiB, inside a 32 KiB L1.</summary>
    internal const int BlockRows = 128;

    /// <summary>Blocks per chunk (8192 rows): enough chunks for any core count, few enough to combine cheaply.</summary>
    internal const int ChunkBlocks = 64;

    private static readonly double[] Zeros = new double[BlockRows];

    /// <summary>
    /// G = AᵀA for A = [X | y], returned row-major c × c (both triangles): G_ij = Σ_r A_ri A_rj. Only tiles on or
    /// above the diagonal are computed (4 × 4 column tiles, 16 vector accumulators), then mirrored.
    /// </summary>
    public static double[] AugmentedGram(double[] x, int n, int p, double[] y)
    {
        var c = p + 1;
        var groups = (c + 3) / 4;
        var cp = groups * 4; // columns padded to whole tiles with zero columns
        var tiles = new List<(int I, int J)>();
        for (var gi = 0; gi < groups; gi++)
            for (var gj = gi; gj < groups; gj++) tiles.Add((gi, gj));
        var tileList = tiles.ToArray();

        var blocks = (n + BlockRows - 1) / BlockRows;
        var chunks = (blocks + ChunkBlocks - 1) / ChunkBlocks;
        var partial = new double[chunks][];
        Parallel.For(0, chunks, ch =>
        {
            var acc = new Vector<double>[tileList.Length * 16];
            var scalar = new double[cp * cp]; // tail rows that do not fill a vector
            var firstBlock = ch * ChunkBlocks;
            var lastBlock = Math.Min(blocks, firstBlock + ChunkBlocks);
            for (var k = firstBlock; k < lastBlock; k++)
            {
                var start = k * BlockRows;
                var len = Math.Min(BlockRows, n - start);
                var vectorRows = len / Vector<double>.Count * Vector<double>.Count;
                for (var t = 0; t < tileList.Length; t++)
                {
                    var (gi, gj) = tileList[t];
                    Tile(
                        ref Column(x, y, n, p, 4 * gi, start), ref Column(x, y, n, p, 4 * gi + 1, start),
                        ref Column(x, y, n, p, 4 * gi + 2, start), ref Column(x, y, n, p, 4 * gi + 3, start),
                        ref Column(x, y, n, p, 4 * gj, start), ref Column(x, y, n, p, 4 * gj + 1, start),
                        ref Column(x, y, n, p, 4 * gj + 2, start), ref Column(x, y, n, p, 4 * gj + 3, start),
                        vectorRows, acc.AsSpan(t * 16, 16));
                }

                for (var r = vectorRows; r < len; r++)
                    for (var i = 0; i < c; i++)
                    {
                        var ai = Column(x, y, n, p, i, start + r);
                        for (var j = i; j < c; j++) scalar[i * cp + j] += ai * Column(x, y, n, p, j, start + r);
                    }
            }

            // One horizontal sum per accumulator per chunk, not per block.
            var result = scalar;
            for (var t = 0; t < tileList.Length; t++)
            {
                var (gi, gj) = tileList[t];
                for (var a = 0; a < 4; a++)
                    for (var b = 0; b < 4; b++)
                        result[(4 * gi + a) * cp + 4 * gj + b] += Vector.Sum(acc[t * 16 + a * 4 + b]);
            }

            partial[ch] = result;
        });

        var g = new double[c * c];
        for (var ch = 0; ch < chunks; ch++) // fixed order: deterministic
            for (var i = 0; i < c; i++)
                for (var j = i; j < c; j++) g[i * c + j] += partial[ch][i * cp + j];
        for (var i = 0; i < c; i++)
            for (var j = 0; j < i; j++) g[i * c + j] = g[j * c + i];
        return g;
    }

    /// <summary>Entry <paramref name="row"/> of column <paramref name="j"/> of [X | y | 0 …] by reference.</summary>
    private static ref double Column(double[] x, double[] y, int n, int p, int j, int row)
    {
        if (j < p) return ref x[(long)j * n + row];
        if (j == p) return ref y[row];
        return ref Zeros[0]; // padding column: only ever read from its start, within one block
    }

    /// <summary>s_ab += Σ_r a_a[r]·b_b[r] for a 4 × 4 tile of column pairs, over <paramref name="rows"/> rows (a multiple of the vector width).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile(ref double a0, ref double a1, ref double a2, ref double a3,
        ref double b0, ref double b1, ref double b2, ref double b3, int rows, Span<Vector<double>> acc)
    {
        Vector<double> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector<double> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector<double> s20 = default, s21 = default, s22 = default, s23 = default;
        Vector<double> s30 = default, s31 = default, s32 = default, s33 = default;
        for (nuint r = 0; r < (nuint)rows; r += (nuint)Vector<double>.Count)
        {
            var va0 = Vector.LoadUnsafe(ref a0, r);
            var va1 = Vector.LoadUnsafe(ref a1, r);
            var va2 = Vector.LoadUnsafe(ref a2, r);
            var va3 = Vector.LoadUnsafe(ref a3, r);
            var vb = Vector.LoadUnsafe(ref b0, r);
            s00 = Vector.FusedMultiplyAdd(va0, vb, s00); s10 = Vector.FusedMultiplyAdd(va1, vb, s10);
            s20 = Vector.FusedMultiplyAdd(va2, vb, s20); s30 = Vector.FusedMultiplyAdd(va3, vb, s30);
            vb = Vector.LoadUnsafe(ref b1, r);
            s01 = Vector.FusedMultiplyAdd(va0, vb, s01); s11 = Vector.FusedMultiplyAdd(va1, vb, s11);
            s21 = Vector.FusedMultiplyAdd(va2, vb, s21); s31 = Vector.FusedMultiplyAdd(va3, vb, s31);
            vb = Vector.LoadUnsafe(ref b2, r);
            s02 = Vector.FusedMultiplyAdd(va0, vb, s02); s12 = Vector.FusedMultiplyAdd(va1, vb, s12);
            s22 = Vector.FusedMultiplyAdd(va2, vb, s22); s32 = Vector.FusedMultiplyAdd(va3, vb, s32);
            vb = Vector.LoadUnsafe(ref b3, r);
            s03 = Vector.FusedMultiplyAdd(va0, vb, s03); s13 = Vector.FusedMultiplyAdd(va1, vb, s13);
            s23 = Vector.FusedMultiplyAdd(va2, vb, s23); s33 = Vector.FusedMultiplyAdd(va3, vb, s33);
        }

        acc[0] += s00; acc[1] += s01; acc[2] += s02; acc[3] += s03;
        acc[4] += s10; acc[5] += s11; acc[6] += s12; acc[7] += s13;
        acc[8] += s20; acc[9] += s21; acc[10] += s22; acc[11] += s23;
        acc[12] += s30; acc[13] += s31; acc[14] += s32; acc[15] += s33;
    }

    /// <summary>
    /// The upper-triangular R (c × c, row-major) of A = QR for A = [X | y], by a tall-skinny QR that never forms Q:
    /// each chunk folds its row blocks one at a time into its own R with Householder reflections of the stacked
    /// [R; block], then the chunks' R factors are folded together in chunk order. R's last column is [Qᵀy; ±‖y − Xw‖].
    /// </summary>
    public static double[] AugmentedR(double[] x, int n, int p, double[] y)
    {
        var c = p + 1;
        var blocks = (n + BlockRows - 1) / BlockRows;
        var chunks = (blocks + ChunkBlocks - 1) / ChunkBlocks;
        var partial = new double[chunks][];
        Parallel.For(0, chunks, ch =>
        {
            var r = new double[c * c];
            var work = new double[c * BlockRows]; // one block of A, column-major with stride BlockRows
            var firstBlock = ch * ChunkBlocks;
            var lastBlock = Math.Min(blocks, firstBlock + ChunkBlocks);
            for (var k = firstBlock; k < lastBlock; k++)
            {
                var start = k * BlockRows;
                var len = Math.Min(BlockRows, n - start);
                for (var j = 0; j < p; j++)
                    Array.Copy(x, (long)j * n + start, work, j * BlockRows, len);
                Array.Copy(y, start, work, p * BlockRows, len);
                Fold(r, work, BlockRows, len, c);
            }

            partial[ch] = r;
        });

        var total = partial[0];
        var stacked = new double[c * c];
        for (var ch = 1; ch < chunks; ch++) // fixed order: deterministic
        {
            // The chunk's R as a c-row block (column-major, stride c).
            for (var i = 0; i < c; i++)
                for (var j = 0; j < c; j++) stacked[j * c + i] = partial[ch][i * c + j];
            Fold(total, stacked, c, c, c);
        }

        return total;
    }

    /// <summary>
    /// Householder reduction of the stacked matrix [R; B] (R c × c upper triangular, row-major; B len × c,
    /// column-major with the given stride) to [R′; 0]; R is overwritten by R′, B is destroyed.
    /// For column j the reflector H = I − τuuᵀ acts on row j of R and the rows of B only:
    /// with ρ = R_jj, σ = ‖b_j‖², α = −sign(ρ)√(ρ² + σ), v₀ = ρ − α: u = [1; b_j/v₀], τ = −v₀/α.
    /// </summary>
    internal static void Fold(double[] r, double[] b, int stride, int len, int c)
    {
        Span<double> coef = stackalloc double[c];
        for (var j = 0; j < c; j++)
        {
            var bj = b.AsSpan(j * stride, len);
            var sigma = TensorPrimitives.Dot(bj, bj);
            if (sigma == 0) continue; // nothing below R_jj: H = I
            var rho = r[j * c + j];
            var norm = Math.Sqrt(rho * rho + sigma);
            var alpha = rho >= 0 ? -norm : norm;
            var v0 = rho - alpha;
            var tau = -v0 / alpha;
            r[j * c + j] = alpha;
            if (j + 1 == c) continue;
            // w_k = uᵀ[R_jk; b_k] = R_jk + b_jᵀb_k / v₀ for every k > j (one pass over b_j per four columns); then
            // [R_jk; b_k] −= τ·w_k·u, i.e. R_jk −= τw_k and b_k += (−τw_k/v₀)·b_j (again four columns per pass).
            var dots = coef[(j + 1)..];
            Dots(b, stride, len, j, dots);
            for (var k = j + 1; k < c; k++)
            {
                var w = r[j * c + k] + coef[k] / v0;
                r[j * c + k] -= tau * w;
                coef[k] = -tau * w / v0;
            }
            Updates(b, stride, len, j, coef[(j + 1)..]);
        }
    }

    /// <summary>d_i = b_jᵀb_{j+1+i} for every later column, four columns per pass over b_j (b column-major with <paramref name="stride"/>).</summary>
    private static void Dots(double[] b, int stride, int len, int j, Span<double> d)
    {
        ref var a = ref b[j * stride];
        var w = Vector<double>.Count;
        var vecLen = len / w * w;
        var k = 0;
        for (; k + 4 <= d.Length; k += 4)
        {
            ref var c0 = ref b[(j + 1 + k) * stride];
            ref var c1 = ref b[(j + 2 + k) * stride];
            ref var c2 = ref b[(j + 3 + k) * stride];
            ref var c3 = ref b[(j + 4 + k) * stride];
            Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
            for (nuint i = 0; i < (nuint)vecLen; i += (nuint)w)
            {
                var va = Vector.LoadUnsafe(ref a, i);
                s0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref c0, i), va, s0);
                s1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref c1, i), va, s1);
                s2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref c2, i), va, s2);
                s3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref c3, i), va, s3);
            }
            double t0 = Vector.Sum(s0), t1 = Vector.Sum(s1), t2 = Vector.Sum(s2), t3 = Vector.Sum(s3);
            for (var i = vecLen; i < len; i++)
            {
                var ai = Unsafe.Add(ref a, i);
                t0 += Unsafe.Add(ref c0, i) * ai; t1 += Unsafe.Add(ref c1, i) * ai;
                t2 += Unsafe.Add(ref c2, i) * ai; t3 += Unsafe.Add(ref c3, i) * ai;
            }
            d[k] = t0; d[k + 1] = t1; d[k + 2] = t2; d[k + 3] = t3;
        }
        for (; k < d.Length; k++)
            d[k] = TensorPrimitives.Dot(b.AsSpan(j * stride, len), b.AsSpan((j + 1 + k) * stride, len));
    }

    /// <summary>b_{j+1+i} += f_i·b_j for every later column, four columns per pass over b_j.</summary>
    private static void Updates(double[] b, int stride, int len, int j, ReadOnlySpan<double> f)
    {
        ref var a = ref b[j * stride];
        var w = Vector<double>.Count;
        var vecLen = len / w * w;
        var k = 0;
        for (; k + 4 <= f.Length; k += 4)
        {
            ref var c0 = ref b[(j + 1 + k) * stride];
            ref var c1 = ref b[(j + 2 + k) * stride];
            ref var c2 = ref b[(j + 3 + k) * stride];
            ref var c3 = ref b[(j + 4 + k) * stride];
            Vector<double> f0 = new(f[k]), f1 = new(f[k + 1]), f2 = new(f[k + 2]), f3 = new(f[k + 3]);
            for (nuint i = 0; i < (nuint)vecLen; i += (nuint)w)
            {
                var va = Vector.LoadUnsafe(ref a, i);
                Vector.FusedMultiplyAdd(va, f0, Vector.LoadUnsafe(ref c0, i)).StoreUnsafe(ref c0, i);
                Vector.FusedMultiplyAdd(va, f1, Vector.LoadUnsafe(ref c1, i)).StoreUnsafe(ref c1, i);
                Vector.FusedMultiplyAdd(va, f2, Vector.LoadUnsafe(ref c2, i)).StoreUnsafe(ref c2, i);
                Vector.FusedMultiplyAdd(va, f3, Vector.LoadUnsafe(ref c3, i)).StoreUnsafe(ref c3, i);
            }
            for (var i = vecLen; i < len; i++)
            {
                var ai = Unsafe.Add(ref a, i);
                Unsafe.Add(ref c0, i) = Math.FusedMultiplyAdd(ai, f[k], Unsafe.Add(ref c0, i));
                Unsafe.Add(ref c1, i) = Math.FusedMultiplyAdd(ai, f[k + 1], Unsafe.Add(ref c1, i));
                Unsafe.Add(ref c2, i) = Math.FusedMultiplyAdd(ai, f[k + 2], Unsafe.Add(ref c2, i));
                Unsafe.Add(ref c3, i) = Math.FusedMultiplyAdd(ai, f[k + 3], Unsafe.Add(ref c3, i));
            }
        }
        for (; k < f.Length; k++)
            TensorPrimitives.MultiplyAdd(b.AsSpan(j * stride, len), f[k], b.AsSpan((j + 1 + k) * stride, len), b.AsSpan((j + 1 + k) * stride, len));
    }
}
