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
        var a = RegularizationDatasets.NoisySine(15, 0.3, seed: 4);
        Assert.Equal(a.Y.ToArray(), RegularizationDatasets.NoisySine(15, 0.3, seed: 4).Y.ToArray());
        Assert.NotEqual(a.Y.ToArray(), RegularizationDatasets.NoisySine(15, 0.3, seed: 5).Y.ToArray());
        var (x1, y1) = RegularizationDatasets.TwoFeatures(seed: 2);
        var (x2, y2) = RegularizationDatasets.TwoFeatures(seed: 2);
        Assert.Equal(x1.ToColumnMajorArray(), x2.ToColumnMajorArray());
        Assert.Equal(y1.ToArray(), y2.ToArray());
        // 2000 rows: least squares recovers the weights, and the sample correlation is near the asked one.
        var (xb, yb) = RegularizationDatasets.TwoFeatures(count: 2000, w1: 2.0, w2: 0.4, correlation: 0.6, noise: 0.5, seed: 1);
        var ols = new RidgeRegression(0).Fit(xb, yb);
        Assert.InRange(ols.Coefficients[0], 1.9, 2.1);
        Assert.InRange(ols.Coefficients[1], 0.3, 0.5);
        Assert.InRange(MathNet.Numerics.Statistics.Correlation.Pearson(xb.Column(0), xb.Column(1)), 0.55, 0.65);
        Assert.Equal("correlation", Assert.Throws<ArgumentOutOfRangeException>(() => RegularizationDatasets.TwoFeatures(correlation: 1.0)).ParamName);
        var s = RegularizationDatasets.NoisySine(12, 0.0);
        for (var i = 0; i < 12; i++) Assert.Equal(Math.Sin(Math.PI * s.X[i]), s.Y[i], 14);
    }
}
