using BenchmarkDotNet.Attributes;
using ClassicML.Linear;
using ClassicML.Logistic;
using ClassicML.Mixtures;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Benchmarks;

// BenchmarkDotNet versions of the compared workloads, at a tenth of their size so that BenchmarkDotNet's many
// iterations finish in minutes: `dotnet run -c Release --project tests/ClassicML.Benchmarks -- --filter '*'`.
// The side-by-side table with numpy/scikit-learn comes from `bash bench/run`, not from these.

/// <summary>Logistic regression, full-batch gradient descent, 300 epochs, loss every epoch: 100,000 × 2 and 10,000 × 50.</summary>
[MemoryDiagnoser]
public class LogisticRegressionBenchmarks
{
    private Matrix<double> _x = null!;
    private Vector<double> _y = null!;

    /// <summary>Rows × columns of the training set.</summary>
    [Params("100000x2", "10000x50")]
    public string Shape { get; set; } = "100000x2";

    /// <summary>Builds the two-cloud data set with a fixed seed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var parts = Shape.Split('x');
        int rows = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), cols = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        var (x, y) = BenchData.TwoClouds(rows, cols, seed: 7);
        _x = Matrix<double>.Build.DenseOfRowMajor(rows, cols, x);
        _y = Vector<double>.Build.Dense(y!);
    }

    /// <summary>300 epochs at α = 0.1 from zero.</summary>
    [Benchmark]
    public double Fit() => new LogisticRegression(learningRate: 0.1, maxIterations: 300, recordEvery: 300, tolerance: 0).Fit(_x, _y).Report!.FinalLoss;
}

/// <summary>Gaussian-mixture EM, K = 5, full covariance, 100 iterations, 20,000 two-dimensional points.</summary>
[MemoryDiagnoser]
public class GaussianMixtureBenchmarks
{
    private Matrix<double> _x = null!;

    /// <summary>Builds the five-cluster data with a fixed seed.</summary>
    [GlobalSetup]
    public void Setup() => _x = Matrix<double>.Build.DenseOfRowMajor(20_000, 2, BenchData.FiveClusters(20_000, seed: 11));

    /// <summary>100 EM iterations from 5 random data points.</summary>
    [Benchmark]
    public double Fit() => new GaussianMixture(5, tolerance: 0, maxIterations: 100, initialization: MixtureInitialization.RandomPoints, recordHistory: false).Fit(_x).LogLikelihood;
}

/// <summary>Least squares on 100,000 × 20: the one-pass normal equation and the tall-skinny QR.</summary>
[MemoryDiagnoser]
public class LeastSquaresBenchmarks
{
    private Matrix<double> _x = null!;
    private Vector<double> _y = null!;

    /// <summary>Builds the regression data with a fixed seed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (x, y) = BenchData.Regression(100_000, 20, seed: 13);
        _x = Matrix<double>.Build.DenseOfRowMajor(100_000, 20, x);
        _y = Vector<double>.Build.Dense(y!);
    }

    /// <summary>XᵀX·w = Xᵀy by Cholesky.</summary>
    [Benchmark(Baseline = true)]
    public double NormalEquation() => LeastSquares.SolveNormalEquation(_x, _y).Coefficients[0];

    /// <summary>TSQR of [X | y] and back substitution.</summary>
    [Benchmark]
    public double Qr() => LeastSquares.SolveQr(_x, _y).Coefficients[0];
}
