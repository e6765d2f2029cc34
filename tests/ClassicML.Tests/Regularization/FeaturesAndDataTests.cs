using ClassicML.Regularization;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Regularization;

public class FeaturesAndDataTests
{
    [Fact]
    public void Polynomial_features_are_the_powers_one_to_d()
    {
        var m = PolynomialFeatures.Expand([2.0, -0.5], 4);
        Assert.Equal(new[] { 2.0, 4.0, 8.0, 16.0 }, m.Row(0).ToArray());
        Assert.Equal(new[] { -0.5, 0.25, -0.125, 0.0625 }, m.Row(1).ToArray());
        Assert.Equal("degree", Assert.Throws<ArgumentOutOfRangeException>(() => PolynomialFeatures.Expand([1.0], 0)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => PolynomialFeatures.Expand([double.NaN], 2)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => PolynomialFeatures.Expand(Array.Empty<double>(), 2)).ParamName);
    }

    [Fact]
    public void Datasets_are_reproducible_and_follow_their_formula()
    {
        var a = RegularizationDatasets.Line(100, seed: 0);
        var b = RegularizationDatasets.Line(100, seed: 0);
        Assert.Equal(a.Y.ToArray(), b.Y.ToArray());
        Assert.NotEqual(a.Y.ToArray(), RegularizationDatasets.Line(100, seed: 1).Y.ToArray());
        Assert.All(a.X, v => Assert.InRange(v, 0.0, 1.0));
        // Least squares should recover slope ≈ 2 and intercept ≈ 1 within a few standard errors.
        var ols = new RidgeRegression(0).Fit(a.Design, a.Y);
        Assert.InRange(ols.Coefficients[0], 1.5, 2.5);
        Assert.InRange(ols.Intercept, 0.7, 1.3);
        var s = RegularizationDatasets.NoisySine(12, 0.0);
        for (var i = 0; i < 12; i++) Assert.Equal(Math.Sin(Math.PI * s.X[i]), s.Y[i], 14);
    }
}
