using ClassicML.Data;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Data;

public class SplitsTests
{
    [Fact]
    public void Permutation_contains_every_index_once_and_depends_on_the_seed()
    {
        var p = Splits.Permutation(1000, 3);
        Assert.Equal(Enumerable.Range(0, 1000), p.Order());
        Assert.Equal(p, Splits.Permutation(1000, 3));
        Assert.NotEqual(p, Splits.Permutation(1000, 4));
        Assert.Empty(Splits.Permutation(0, 1));
    }

    [Fact]
    public void Permutation_is_uniform_enough_in_first_position()
    {
        // Each of 5 values should land in position 0 about 1/5 of the time over many seeds.
        var counts = new int[5];
        for (var seed = 0; seed < 5000; seed++) counts[Splits.Permutation(5, seed)[0]]++;
        Assert.All(counts, c => Assert.InRange(c, 1000 - 150, 1000 + 150)); // ±150 ≈ 5 binomial standard deviations
    }

    [Fact]
    public void Train_test_split_partitions_rows_and_keeps_x_and_y_aligned()
    {
        var X = Matrix<double>.Build.Dense(10, 2, (i, j) => 10 * i + j);
        var y = Vector<double>.Build.Dense(10, i => 10 * i);
        var s = Splits.TrainTest(X, y, 0.3, seed: 5);
        Assert.Equal(3, s.TestIndices.Length);
        Assert.Equal(7, s.TrainIndices.Length);
        Assert.Equal(Enumerable.Range(0, 10), s.TrainIndices.Concat(s.TestIndices).Order());
        for (var r = 0; r < s.XTest.RowCount; r++) Assert.Equal(s.YTest[r], s.XTest[r, 0]);
        for (var r = 0; r < s.XTrain.RowCount; r++) Assert.Equal(s.YTrain[r], s.XTrain[r, 0]);
        Assert.Equal(s.TestIndices.Order(), s.TestIndices);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Equal("testFraction", Assert.Throws<ArgumentOutOfRangeException>(() => Splits.TrainTestIndices(10, 1.0, 1)).ParamName);
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => Splits.TrainTestIndices(1, 0.5, 1)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Splits.TrainTest(Matrix<double>.Build.Dense(3, 1), Vector<double>.Build.Dense(2), 0.5, 1)).ParamName);
        Assert.Equal("indices", Assert.Throws<ArgumentOutOfRangeException>(() => Splits.Rows(Matrix<double>.Build.Dense(3, 1), [3])).ParamName);
        // a tiny fraction still holds out one row, a large one still trains on one
        Assert.Single(Splits.TrainTestIndices(10, 0.01, 1).Test);
        Assert.Single(Splits.TrainTestIndices(10, 0.99, 1).Train);
    }
}
