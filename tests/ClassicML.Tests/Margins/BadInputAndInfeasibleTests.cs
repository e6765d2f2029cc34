using ClassicML.Margins;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Margins;

public class BadInputAndInfeasibleTests
{
    private static readonly Matrix<double> X = BookExamplesTests.X;
    private static readonly Vector<double> Y = BookExamplesTests.Y;

    // XOR: the two diagonals cross at (0.5, 0.5), so no line separates them.
    private static readonly Matrix<double> Xor = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0 }, { 1, 1 }, { 1, 0 }, { 0, 1 } });
    private static readonly Vector<double> XorY = Vector<double>.Build.Dense([1.0, 1.0, -1.0, -1.0]);

    [Fact]
    public void Perceptron_on_non_separable_data_stops_after_max_passes_and_says_so()
    {
        foreach (var model in new[] { new Perceptron(maxIterations: 50).Fit(Xor, XorY), new PerceptronDual(maxIterations: 50).Fit(Xor, XorY) })
        {
            Assert.False(model.Converged);
            Assert.Equal(50, model.Passes);
            Assert.True(model.MisclassifiedAtEnd > 0);
            Assert.Contains("not be linearly separable", model.Message);
            Assert.Equal(model.UpdateCount, model.History.Count);
        }
    }

    [Fact]
    public void Hard_margin_svm_on_non_separable_data_throws_infeasible_with_a_witness_in_both_hulls()
    {
        var ex = Assert.Throws<HardMarginInfeasibleException>(() => new HardMarginSvm().Fit(Xor, XorY));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("infeasible", ex.Message);
        Assert.Contains("SoftMarginSvm", ex.Message);
        Assert.Equal(0.5, ex.Witness[0], 9);
        Assert.Equal(0.5, ex.Witness[1], 9);
        Assert.Throws<HardMarginInfeasibleException>(() => new HardMarginSvmPrimal().Fit(Xor, XorY));
        var hulls = ConvexHulls.NearestPoints(Xor, XorY);
        Assert.True(hulls.Intersect);
        Assert.Equal(0.0, hulls.Distance);
    }

    [Fact]
    public void Hard_margin_svm_rejects_overlapping_gaussian_clouds_and_identical_points_with_opposite_labels()
    {
        var clouds = MarginData.GaussianClouds(40, spread: 1.0, seed: 7);
        Assert.Throws<HardMarginInfeasibleException>(() => new HardMarginSvm().Fit(clouds.X, clouds.Y));
        var same = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 1, 2 } });
        Assert.Throws<HardMarginInfeasibleException>(() => new HardMarginSvm().Fit(same, Vector<double>.Build.Dense([1.0, -1.0])));
    }

    [Fact]
    public void Soft_margin_svm_fits_non_separable_data_and_meets_its_kkt_conditions()
    {
        var clouds = MarginData.GaussianClouds(40, spread: 1.0, seed: 7);
        var svm = new SoftMarginSvm(c: 1.0).Fit(clouds.X, clouds.Y);
        Assert.True(svm.Converged);
        Assert.True(svm.Kkt.AllHold, svm.Kkt.ToString());
        Assert.All(svm.Alpha, a => Assert.InRange(a, 0.0, 1.0));
        Assert.Contains(svm.Alpha, a => a == 1.0); // some points inside the street pay the full penalty
    }

    [Fact]
    public void Soft_margin_with_a_large_penalty_is_the_hard_margin_on_separable_data()
    {
        var soft = new SoftMarginSvm(c: 1e6).Fit(X, Y);
        var hard = new HardMarginSvm().Fit(X, Y);
        Assert.Equal(hard.W[0], soft.W[0], 12);
        Assert.Equal(hard.W[1], soft.W[1], 12);
        Assert.Equal(hard.B, soft.B, 12);
    }

    [Fact]
    public void Labels_other_than_plus_minus_one_are_rejected_naming_y()
    {
        var zeroOne = Vector<double>.Build.Dense([1.0, 1.0, 0.0]);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => new Perceptron().Fit(X, zeroOne)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => new PerceptronDual().Fit(X, zeroOne)).ParamName);
        var ex = Assert.Throws<ArgumentException>(() => new HardMarginSvm().Fit(X, zeroOne));
        Assert.Equal("y", ex.ParamName);
        Assert.Contains("−1 or +1", ex.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Non_positive_or_non_finite_learning_rates_are_rejected(double eta)
    {
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new Perceptron(learningRate: eta)).ParamName);
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new PerceptronDual(learningRate: eta)).ParamName);
    }

    [Fact]
    public void NaN_features_size_mismatch_bad_orders_and_one_class_are_rejected()
    {
        var withNaN = X.Clone();
        withNaN[1, 0] = double.NaN;
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => new Perceptron().Fit(withNaN, Y)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => new HardMarginSvm().Fit(withNaN, Y)).ParamName);
        var shortY = Vector<double>.Build.Dense([1.0, -1.0]);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => new PerceptronDual().Fit(X, shortY)).ParamName);
        Assert.Equal("order", Assert.Throws<ArgumentException>(() => new Perceptron(order: [0, 0, 1]).Fit(X, Y)).ParamName);
        Assert.Equal("order", Assert.Throws<ArgumentException>(() => new PerceptronDual(order: [0, 1]).Fit(X, Y)).ParamName);
        Assert.Equal("order", Assert.Throws<ArgumentException>(() => new Perceptron(order: [0, 1, 3]).Fit(X, Y)).ParamName);
        var allPositive = Vector<double>.Build.Dense([1.0, 1.0, 1.0]);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => new HardMarginSvm().Fit(X, allPositive)).ParamName);
        Assert.Equal("maxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => new Perceptron(maxIterations: 0)).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentOutOfRangeException>(() => new SoftMarginSvm(c: 0)).ParamName);
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new HardMarginSvm(tolerance: double.NaN)).ParamName);
        var model = new Perceptron().Fit(X, Y);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => model.Decision(Vector<double>.Build.Dense(3))).ParamName);
    }

    [Fact]
    public void Geometric_margin_of_the_book_perceptron_is_smaller_than_the_svms()
    {
        var perceptron = new Perceptron().Fit(X, Y);
        var svm = new HardMarginSvm().Fit(X, Y);
        // w = (1,1), b = −3: functional margins are 3, 4 and 1 (x₃ is closest), so γ = 1/√2; the SVM's is √2.
        Assert.Equal(1 / Math.Sqrt(2), perceptron.GeometricMargin(X, Y), 12);
        Assert.Equal(Math.Sqrt(2), svm.GeometricMargin, 12);
    }
}
