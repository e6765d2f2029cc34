using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Regularization;

/// <summary>One split of k-fold cross-validation.</summary>
/// <param name="Training">Row indices the model is fitted on.</param>
/// <param name="Validation">Row indices it is scored on.</param>
public sealed record Fold(IReadOnlyList<int> Training, IReadOnlyList<int> Validation);

/// <summary>k-fold cross-validation for choosing a penalty strength α.</summary>
public static class CrossValidation
{
    /// <summary>
    /// Splits rows 0..n−1 into <paramref name="k"/> folds of sizes ⌊n/k⌋ or ⌈n/k⌉, after a seeded shuffle;
    /// every row is validated exactly once.
    /// </summary>
    public static IReadOnlyList<Fold> KFold(int n, int k, int seed = 0)
    {
        if (n < 2) throw new ArgumentOutOfRangeException(nameof(n), n, "Cross-validation needs at least 2 rows.");
        if (k < 2 || k > n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 2 and the number of rows ({n}).");
        var order = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(order);
        var folds = new Fold[k];
        var start = 0;
        for (var f = 0; f < k; f++)
        {
            var size = n / k + (f < n % k ? 1 : 0);
            var validation = order[start..(start + size)];
            Array.Sort(validation);
            var training = order[..start].Concat(order[(start + size)..]).Order().ToArray();
            folds[f] = new Fold(training, validation);
            start += size;
        }
        return folds;
    }

    /// <summary>
    /// Scores every α by k-fold cross-validation: for each fold, fit on the training rows, then take the mean squared
    /// error on the validation rows; the chosen α minimises the mean over folds (ties go to the larger α, the simpler model).
    /// </summary>
    /// <param name="x">Features, one row per sample.</param>
    /// <param name="y">Targets.</param>
    /// <param name="alphas">The candidate α values.</param>
    /// <param name="fit">Fits a model for (α, X_train, y_train), e.g. <c>(a, x, y) =&gt; new RidgeRegression(a).Fit(x, y)</c>.</param>
    /// <param name="k">Number of folds, 2 ≤ k ≤ n.</param>
    /// <param name="seed">Seed of the shuffle that assigns rows to folds.</param>
    public static CrossValidationResult SelectAlpha(Matrix<double> x, Vector<double> y, IEnumerable<double> alphas,
        Func<double, Matrix<double>, Vector<double>, ILinearModel> fit, int k = 5, int seed = 0)
    {
        Guard.Design(x, y);
        ArgumentNullException.ThrowIfNull(alphas);
        ArgumentNullException.ThrowIfNull(fit);
        var grid = alphas.ToArray();
        if (grid.Length == 0) throw new ArgumentException("Give at least one α.", nameof(alphas));
        foreach (var a in grid) Guard.NonNegativeFinite(a, nameof(alphas));
        if (k < 2 || k > x.RowCount) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 2 and the number of rows ({x.RowCount}).");
        var folds = KFold(x.RowCount, k, seed);
        var split = folds.Select(f => (
            XTrain: Rows(x, f.Training), YTrain: Rows(y, f.Training),
            XVal: Rows(x, f.Validation), YVal: Rows(y, f.Validation))).ToArray();
        var validation = new double[grid.Length, k];
        var training = new double[grid.Length, k];
        for (var i = 0; i < grid.Length; i++)
        {
            for (var f = 0; f < k; f++)
            {
                var s = split[f];
                var model = fit(grid[i], s.XTrain, s.YTrain);
                validation[i, f] = model.MeanSquaredError(s.XVal, s.YVal);
                training[i, f] = model.MeanSquaredError(s.XTrain, s.YTrain);
            }
        }
        var mean = new double[grid.Length];
        var se = new double[grid.Length];
        var trainMean = new double[grid.Length];
        for (var i = 0; i < grid.Length; i++)
        {
            double sum = 0, tsum = 0;
            for (var f = 0; f < k; f++) { sum += validation[i, f]; tsum += training[i, f]; }
            mean[i] = sum / k;
            trainMean[i] = tsum / k;
            double ss = 0;
            for (var f = 0; f < k; f++) ss += (validation[i, f] - mean[i]) * (validation[i, f] - mean[i]);
            se[i] = Math.Sqrt(ss / (k - 1) / k);
        }
        var best = 0;
        for (var i = 1; i < grid.Length; i++)
            if (mean[i] < mean[best] || (mean[i] == mean[best] && grid[i] > grid[best])) best = i;
        return new CrossValidationResult(grid, mean, se, trainMean, best, k);
    }

    private static Matrix<double> Rows(Matrix<double> x, IReadOnlyList<int> rows)
    {
        var m = Matrix<double>.Build.Dense(rows.Count, x.ColumnCount);
        for (var i = 0; i < rows.Count; i++) m.SetRow(i, x.Row(rows[i]));
        return m;
    }

    private static Vector<double> Rows(Vector<double> y, IReadOnlyList<int> rows) =>
        Vector<double>.Build.Dense(rows.Count, i => y[rows[i]]);
}

/// <summary>Cross-validation scores over an α grid (immutable).</summary>
/// <param name="Alphas">The candidate α values, in the order given.</param>
/// <param name="MeanValidationError">Mean over folds of the validation MSE, per α.</param>
/// <param name="StandardError">Standard error of that mean, sd/√k, per α.</param>
/// <param name="MeanTrainingError">Mean over folds of the training MSE, per α.</param>
/// <param name="BestIndex">Index of the α with the smallest mean validation error.</param>
/// <param name="Folds">k.</param>
public sealed record CrossValidationResult(IReadOnlyList<double> Alphas, IReadOnlyList<double> MeanValidationError, IReadOnlyList<double> StandardError,
    IReadOnlyList<double> MeanTrainingError, int BestIndex, int Folds)
{
    /// <summary>The α with the smallest mean validation error.</summary>
    public double BestAlpha => Alphas[BestIndex];
}
