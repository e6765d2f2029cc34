using ClassicML.Mixtures;

namespace ClassicML.Tests.Mixtures;

/// <summary>
/// The fused two-dimensional EM pass (Vector512 blocks, VectorMath.Exp, the logarithm of running products) against a
/// plain per-sample computation written here from the formulas: log p(x) = log Σ_k π_k 𝒩(x | μ_k, Σ_k) with the 2 × 2
/// inverse and determinant, responsibilities γ_ik, and the M-step π, μ, Σ from them.
/// </summary>
public class EmKernelTests
{
    private static (double[] Columns, double[] W, double[] Mu, double[] Cov) Problem(int n, int k, int seed, double spread)
    {
        var rng = new Random(seed);
        var x = new double[2 * n];
        for (var i = 0; i < n; i++)
        {
            x[i] = spread * (rng.NextDouble() - 0.5);
            x[n + i] = spread * (rng.NextDouble() - 0.5);
        }
        var w = new double[k];
        var mu = new double[2 * k];
        var cov = new double[4 * k];
        for (var c = 0; c < k; c++)
        {
            w[c] = (c + 1.0) / (k * (k + 1) / 2.0);
            mu[2 * c] = spread * (rng.NextDouble() - 0.5);
            mu[2 * c + 1] = spread * (rng.NextDouble() - 0.5);
            double a = 0.3 + rng.NextDouble(), b = 0.3 + rng.NextDouble(), rho = 0.9 * (rng.NextDouble() - 0.5);
            cov[4 * c] = a * a;
            cov[4 * c + 1] = cov[4 * c + 2] = rho * a * b;
            cov[4 * c + 3] = b * b;
        }
        return (x, w, mu, cov);
    }

    /// <summary>log π_k 𝒩(x_i | μ_k, Σ_k) from the explicit 2 × 2 inverse.</summary>
    private static double LogComponent(double x0, double x1, double w, double m0, double m1, double s00, double s01, double s11)
    {
        var det = s00 * s11 - s01 * s01;
        double d0 = x0 - m0, d1 = x1 - m1;
        var q = (s11 * d0 * d0 - 2 * s01 * d0 * d1 + s00 * d1 * d1) / det;
        return Math.Log(w) - Math.Log(2 * Math.PI) - 0.5 * Math.Log(det) - 0.5 * q;
    }

    [Theory]
    [InlineData(1000, 3, 4.0)]        // one block, no tail
    [InlineData(3 * 1024 + 5, 5, 6.0)] // full blocks, quarter blocks and a scalar tail
    [InlineData(40_000, 5, 10.0)]     // several chunks over the cores
    [InlineData(2_003, 4, 400.0)]     // far-apart components: exp(ℓ − max ℓ) underflows to 0, γ is 0 or 1
    public void Fused_pass_matches_the_per_sample_formulas(int n, int k, double spread)
    {
        var (x, w, mu, cov) = Problem(n, k, seed: n + k, spread);
        var kernel = new EmKernel(x, n, 2, k, maxDegreeOfParallelism: null);
        Assert.True(kernel.TrySetParameters(w, mu, cov, out _));
        var ll = kernel.Pass(accumulate: true, null, null);

        var nk = new double[k];
        var sum0 = new double[k];
        var sum1 = new double[k];
        var expectedLl = 0.0;
        var gamma = new double[n * k];
        var logs = new double[k];
        for (var i = 0; i < n; i++)
        {
            for (var c = 0; c < k; c++)
                logs[c] = LogComponent(x[i], x[n + i], w[c], mu[2 * c], mu[2 * c + 1], cov[4 * c], cov[4 * c + 1], cov[4 * c + 3]);
            var max = logs.Max();
            var total = logs.Sum(l => Math.Exp(l - max));
            expectedLl += max + Math.Log(total);
            for (var c = 0; c < k; c++)
            {
                var g = Math.Exp(logs[c] - max) / total;
                gamma[i * k + c] = g;
                nk[c] += g;
                sum0[c] += g * x[i];
                sum1[c] += g * x[n + i];
            }
        }
        Assert.Equal(1.0, ll / expectedLl, 1e-12);

        var newW = new double[k];
        var newMu = new double[2 * k];
        var newCov = new double[4 * k];
        Assert.Equal(-1, kernel.MStep(0.0, 1e-300, newW, newMu, newCov));
        for (var c = 0; c < k; c++)
        {
            if (nk[c] < 1e-6 * n) continue; // a component with (almost) no points: its mean is ill-determined
            Assert.Equal(nk[c] / n, newW[c], 1e-12);
            double m0 = sum0[c] / nk[c], m1 = sum1[c] / nk[c];
            Assert.Equal(m0, newMu[2 * c], 1e-9 * Math.Max(1, spread));
            Assert.Equal(m1, newMu[2 * c + 1], 1e-9 * Math.Max(1, spread));
            double c00 = 0, c01 = 0, c11 = 0;
            for (var i = 0; i < n; i++)
            {
                var g = gamma[i * k + c];
                double d0 = x[i] - m0, d1 = x[n + i] - m1;
                c00 += g * d0 * d0; c01 += g * d0 * d1; c11 += g * d1 * d1;
            }
            var scale = Math.Max(1, spread * spread);
            Assert.Equal(c00 / nk[c], newCov[4 * c], 1e-9 * scale);
            Assert.Equal(c01 / nk[c], newCov[4 * c + 1], 1e-9 * scale);
            Assert.Equal(c01 / nk[c], newCov[4 * c + 2], 1e-9 * scale);
            Assert.Equal(c11 / nk[c], newCov[4 * c + 3], 1e-9 * scale);
        }
    }

    [Fact]
    public void Fused_pass_gives_the_same_log_likelihood_as_the_pass_that_writes_per_sample_outputs()
    {
        // The pass that writes log-densities keeps the per-sample logarithm; the fitting pass sums ln Π s_i instead.
        var (x, w, mu, cov) = Problem(5_000, 5, seed: 9, 5.0);
        var kernel = new EmKernel(x, 5_000, 2, 5, maxDegreeOfParallelism: 1);
        Assert.True(kernel.TrySetParameters(w, mu, cov, out _));
        var fused = kernel.Pass(accumulate: false, null, null);
        var perSample = new double[5_000];
        var written = kernel.Pass(accumulate: false, perSample, null);
        Assert.Equal(1.0, fused / written, 1e-13);
        Assert.Equal(1.0, perSample.Sum() / written, 1e-13);
    }
}
