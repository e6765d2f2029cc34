using ClassicML.Mixtures;
using FsCheck;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Mixtures;

public class CovarianceEllipseTests
{
    private static Matrix<double> RandomCovariance(int seed)
    {
        var rng = new Random(seed);
        var a = Matrix<double>.Build.Dense(2, 2, (_, _) => 4 * rng.NextDouble() - 2);
        return a * a.Transpose() + 0.01 * Matrix<double>.Build.DenseIdentity(2);
    }

    [Property(MaxTest = 50)]
    public void Semi_axes_are_r_times_the_roots_of_the_eigenvalues(int seed, PositiveInt rRaw)
    {
        double r = 0.5 + rRaw.Get % 4;
        var cov = RandomCovariance(seed);
        var mean = Vector<double>.Build.DenseOfArray([1.0, -2.0]);
        var e = CovarianceEllipse.ForStandardDeviations(mean, cov, r);
        var evd = cov.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var lambda = evd.EigenValues.Select(z => z.Real).OrderByDescending(v => v).ToArray();
        Assert.Equal(r * Math.Sqrt(lambda[0]), e.SemiMajor, 1e-9);
        Assert.Equal(r * Math.Sqrt(lambda[1]), e.SemiMinor, 1e-9);
        // The major axis is the leading eigenvector (up to sign).
        var v = evd.EigenVectors.Column(evd.EigenValues.Select(z => z.Real).ToList().IndexOf(evd.EigenValues.Select(z => z.Real).Max()));
        Assert.Equal(1.0, Math.Abs(v[0] * Math.Cos(e.Angle) + v[1] * Math.Sin(e.Angle)), 1e-9);
        Assert.InRange(e.Angle, -Math.PI / 2, Math.PI / 2);
    }

    [Property(MaxTest = 30)]
    public void Every_drawn_point_lies_at_Mahalanobis_distance_r(int seed)
    {
        var cov = RandomCovariance(seed);
        var mean = Vector<double>.Build.DenseOfArray([3.0, 4.0]);
        var e = CovarianceEllipse.ForStandardDeviations(mean, cov, 2);
        var (xs, ys) = e.Points(60);
        Assert.Equal(xs[0], xs[^1], 12);
        for (int i = 0; i < xs.Length; i++)
        {
            var d = Vector<double>.Build.DenseOfArray([xs[i] - 3, ys[i] - 4]);
            Assert.Equal(4.0, d.DotProduct(cov.Solve(d)), 1e-8);
        }
    }

    [Fact]
    public void Probability_mass_follows_chi_square_with_two_degrees_of_freedom()
    {
        Assert.Equal(1 - Math.Exp(-0.5), CovarianceEllipse.MassInside(1), 1e-15);
        Assert.Equal(1 - Math.Exp(-2), CovarianceEllipse.MassInside(2), 1e-15);
        Assert.Equal(Math.Sqrt(-2 * Math.Log(0.05)), CovarianceEllipse.RadiusForMass(0.95), 1e-12);
        // Against MathNet's χ² quantile.
        Assert.Equal(Math.Sqrt(MathNet.Numerics.Distributions.ChiSquared.InvCDF(2, 0.9)), CovarianceEllipse.RadiusForMass(0.9), 1e-9);
        var e = CovarianceEllipse.ForProbability(Vector<double>.Build.Dense(2), Matrix<double>.Build.DenseIdentity(2), 0.95);
        Assert.Equal(0.95, e.Mass, 1e-12);
        Assert.Equal(e.SemiMajor, e.SemiMinor, 12);
    }

    [Fact]
    public void Monte_carlo_fraction_inside_the_two_sigma_ellipse_is_86_percent()
    {
        var rng = new Random(12);
        var cov = RandomCovariance(3);
        var l = cov.Cholesky().Factor;
        int inside = 0, n = 20000;
        for (int i = 0; i < n; i++)
        {
            var z = Vector<double>.Build.Dense(2, _ => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
            var x = l * z;
            if (x.DotProduct(cov.Solve(x)) <= 4) inside++;
        }
        Assert.Equal(CovarianceEllipse.MassInside(2), inside / (double)n, 0.01);
    }

    [Fact]
    public void Bad_ellipse_input_is_rejected()
    {
        var mean = Vector<double>.Build.Dense(2);
        var eye = Matrix<double>.Build.DenseIdentity(2);
        Assert.Equal("covariance", Assert.Throws<ArgumentException>(() => CovarianceEllipse.ForStandardDeviations(mean, Matrix<double>.Build.DenseIdentity(3), 1)).ParamName);
        Assert.Equal("covariance", Assert.Throws<ArgumentException>(() => CovarianceEllipse.Eigen(Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0.3 }, { 0.1, 1 } }))).ParamName);
        Assert.Equal("covariance", Assert.Throws<ArgumentException>(() => CovarianceEllipse.Eigen(Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 2, 1 } }))).ParamName);
        Assert.Equal("mean", Assert.Throws<ArgumentException>(() => CovarianceEllipse.ForStandardDeviations(Vector<double>.Build.Dense(3), eye, 1)).ParamName);
        Assert.Equal("standardDeviations", Assert.Throws<ArgumentOutOfRangeException>(() => CovarianceEllipse.ForStandardDeviations(mean, eye, 0)).ParamName);
        Assert.Equal("mass", Assert.Throws<ArgumentOutOfRangeException>(() => CovarianceEllipse.ForProbability(mean, eye, 1.0)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => CovarianceEllipse.ForProbability(mean, eye, 0.5).Points(2)).ParamName);
    }
}
