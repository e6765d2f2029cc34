using ClassicML.Regularization;
using FsCheck;
using FsCheck.Xunit;

namespace ClassicML.Tests.Regularization;

public class CrossValidationTests
{
    [Property(MaxTest = 100)]
    public bool KFold_validates_every_row_exactly_once(PositiveInt nSeed, PositiveInt kSeed, int seed)
    {
        var n = nSeed.Get % 60 + 2;
        var k = kSeed.Get % (n - 1) + 2;
        var folds = CrossValidation.KFold(n, k, seed);
        var all = folds.SelectMany(f => f.Validation).Order().ToArray();
        return folds.Count == k
               && all.SequenceEqual(Enumerable.Range(0, n))
               && folds.All(f => f.Training.Count + f.Validation.Count == n && !f.Training.Intersect(f.Validation).Any())
               && folds.All(f => f.Validation.Count == n / k || f.Validation.Count == n / k + 1);
    }

    [Fact]
    public void The_chosen_alpha_minimises_its_own_curve_and_beats_the_extremes()
    {
        var data = RegularizationDatasets.NoisySine(20, 0.25, seed: 4);
        var x = PolynomialFeatures.Expand(data.X, 9);
        var alphas = RegularizationPath.LogGrid(1e2, 1e-8, 41);
        var cv = CrossValidation.SelectAlpha(x, data.Y, alphas, (a, xt, yt) => new RidgeRegression(a).Fit(xt, yt), k: 5, seed: 1);
        var min = cv.MeanValidationError.Min();
        Assert.Equal(min, cv.MeanValidationError[cv.BestIndex]);
        Assert.Equal(alphas[cv.BestIndex], cv.BestAlpha);
        Assert.True(min < cv.MeanValidationError[0]);
        Assert.True(min < cv.MeanValidationError[^1]);
        // Training error falls as α shrinks (alphas descend): a smaller penalty always fits the training rows better.
        for (var i = 1; i < alphas.Length; i++) Assert.True(cv.MeanTrainingError[i] <= cv.MeanTrainingError[i - 1] + 1e-12);
    }

    [Fact]
    public void Same_seed_same_result()
    {
        var data = RegularizationDatasets.NoisySine(15, 0.2, seed: 2);
        var x = PolynomialFeatures.Expand(data.X, 5);
        double[] alphas = [1e-3, 1e-2, 1e-1];
        ILinearModel Fit(double a, MathNet.Numerics.LinearAlgebra.Matrix<double> xt, MathNet.Numerics.LinearAlgebra.Vector<double> yt) => new Lasso(a).Fit(xt, yt);
        var a1 = CrossValidation.SelectAlpha(x, data.Y, alphas, Fit, 3, seed: 9);
        var a2 = CrossValidation.SelectAlpha(x, data.Y, alphas, Fit, 3, seed: 9);
        Assert.Equal(a1.MeanValidationError, a2.MeanValidationError);
    }

    [Fact]
    public void Bad_k_and_empty_grids_are_rejected()
    {
        var data = RegularizationDatasets.NoisySine(8);
        var x = PolynomialFeatures.Expand(data.X, 3);
        ILinearModel Fit(double a, MathNet.Numerics.LinearAlgebra.Matrix<double> xt, MathNet.Numerics.LinearAlgebra.Vector<double> yt) => new RidgeRegression(a).Fit(xt, yt);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidation.SelectAlpha(x, data.Y, [1.0], Fit, k: 9)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidation.SelectAlpha(x, data.Y, [1.0], Fit, k: 1)).ParamName);
        Assert.Equal("alphas", Assert.Throws<ArgumentException>(() => CrossValidation.SelectAlpha(x, data.Y, [], Fit)).ParamName);
        Assert.Equal("alphas", Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidation.SelectAlpha(x, data.Y, [-1.0], Fit)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidation.KFold(5, 6)).ParamName);
    }
}
