using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Regularization;

/// <summary>Fits a model for every α of a grid and collects the weights: the regularization path.</summary>
public static class RegularizationPath
{
    /// <summary>
    /// <paramref name="count"/> values spaced evenly in log α from <paramref name="max"/> down to <paramref name="min"/>
    /// (descending, the order warm-started lasso paths want): α_i = max·(min/max)^(i/(count−1)).
    /// </summary>
    public static double[] LogGrid(double max, double min, int count)
    {
        Guard.PositiveFinite(max, nameof(max));
        Guard.PositiveFinite(min, nameof(min));
        if (min > max) throw new ArgumentException($"min ({min}) must not exceed max ({max}).", nameof(min));
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), count, "A grid needs at least 2 points.");
        var grid = new double[count];
        var ratio = Math.Log(min / max);
        for (var i = 0; i < count; i++) grid[i] = max * Math.Exp(ratio * i / (count - 1));
        grid[^1] = min;
        return grid;
    }

    /// <summary>
    /// Lasso fits along <paramref name="alphas"/> (sorted descending), each warm-started from the previous one,
    /// which is what makes a path cheap: neighbouring solutions are close.
    /// </summary>
    /// <param name="x">Features, one row per sample.</param>
    /// <param name="y">Targets.</param>
    /// <param name="alphas">The α grid (any order; it is sorted descending).</param>
    /// <param name="tolerance">Relative duality-gap tolerance of each fit (see <see cref="Regularization.Lasso"/>).</param>
    /// <param name="maxIterations">Iteration budget of each fit.</param>
    /// <param name="fitIntercept">Whether to fit an unpenalised intercept.</param>
    /// <param name="solver">The lasso solver; every one of them is warm-started.</param>
    public static CoefficientPath Lasso(Matrix<double> x, Vector<double> y, IEnumerable<double> alphas, double tolerance = 1e-12, int maxIterations = 100_000, bool fitIntercept = true,
        LassoSolver solver = LassoSolver.CoordinateDescent)
    {
        Guard.Design(x, y);
        var grid = SortedGrid(alphas);
        var design = new CenteredDesign(x, y, fitIntercept);
        var models = new List<LassoModel>(grid.Length);
        double[]? warm = null;
        foreach (var a in grid)
        {
            var model = new Lasso(a, solver, tolerance, maxIterations, fitIntercept).Fit(design, warm);
            models.Add(model);
            warm = model.Coefficients.ToArray();
        }
        return new CoefficientPath(grid, Matrix<double>.Build.DenseOfRowVectors(models.Select(m => m.Coefficients)),
            models.Select(m => m.Intercept).ToArray(), models.Select(m => m.Iterations).ToArray(), models.All(m => m.Converged));
    }

    /// <summary>Ridge fits along <paramref name="alphas"/> (sorted descending), all from one SVD of the centred design.</summary>
    public static CoefficientPath Ridge(Matrix<double> x, Vector<double> y, IEnumerable<double> alphas, bool fitIntercept = true)
    {
        Guard.Design(x, y);
        var grid = SortedGrid(alphas);
        var models = RidgeRegression.FitPath(x, y, grid, fitIntercept);
        return new CoefficientPath(grid, Matrix<double>.Build.DenseOfRowVectors(models.Select(m => m.Coefficients)),
            models.Select(m => m.Intercept).ToArray(), new int[grid.Length], true);
    }

    private static double[] SortedGrid(IEnumerable<double> alphas)
    {
        ArgumentNullException.ThrowIfNull(alphas);
        var grid = alphas.ToArray();
        if (grid.Length == 0) throw new ArgumentException("Give at least one α.", nameof(alphas));
        foreach (var a in grid) Guard.NonNegativeFinite(a, nameof(alphas));
        Array.Sort(grid);
        Array.Reverse(grid);
        return grid;
    }
}

/// <summary>Weights along a grid of α (immutable).</summary>
/// <param name="Alphas">The α grid, descending.</param>
/// <param name="Coefficients">Row i holds the weights fitted with Alphas[i]; column j is the path of feature j.</param>
/// <param name="Intercepts">The intercept at each α.</param>
/// <param name="Iterations">Solver iterations at each α (0 for the closed-form ridge).</param>
/// <param name="AllConverged">Whether every fit met its stopping rule.</param>
public sealed record CoefficientPath(IReadOnlyList<double> Alphas, Matrix<double> Coefficients, IReadOnlyList<double> Intercepts, IReadOnlyList<int> Iterations, bool AllConverged)
{
    /// <summary>How many weights are exactly 0 at each α.</summary>
    public int[] ZeroCounts => Enumerable.Range(0, Alphas.Count).Select(i => Coefficients.Row(i).Count(v => v == 0.0)).ToArray();
}
