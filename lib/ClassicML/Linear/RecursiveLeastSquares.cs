using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Linear;

/// <summary>
/// Recursive least squares (рекурсивный МНК / 递推最小二乘): rows arrive one at a time and the least-squares
/// solution is updated in O(p²) per row, without refitting on all the data seen so far.
/// </summary>
/// <remarks>
/// The state is the triangular factor of a QR decomposition: an upper-triangular R (p × p) and z = Qᵀy, with
/// <c>‖Dw − y‖² = ‖Rw − z‖² + ρ</c> for every w. A new row (a, b) is rotated into [R | z] by p Givens rotations;
/// what is left of b is added to ρ, the residual sum of squares. The solution solves <c>Rw = z</c>.
/// The textbook form updates P = (DᵀD)⁻¹ by the Sherman–Morrison formula instead; it is algebraically the same but
/// carries (DᵀD)⁻¹, whose condition number is cond(D)², while this square-root form only ever sees cond(D).
/// After all rows are in, the coefficients equal the batch <see cref="LinearRegression"/> solution to rounding.
/// </remarks>
public sealed class RecursiveLeastSquares
{
    private readonly double[] _r;   // row-major p × p, upper triangle used
    private readonly double[] _z;
    private readonly double[] _row; // scratch for the incoming row
    private readonly int _p;

    /// <summary>Starts with no data.</summary>
    /// <param name="featureCount">Number of features per row (without the ones column).</param>
    /// <param name="fitIntercept">Prepend a 1 to every row so the first coefficient is the intercept w₀.</param>
    public RecursiveLeastSquares(int featureCount, bool fitIntercept = true)
    {
        if (featureCount < 0 || (featureCount == 0 && !fitIntercept))
            throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "Give at least one feature (or zero features with fitIntercept: true).");
        FeatureCount = featureCount;
        FitIntercept = fitIntercept;
        _p = featureCount + (fitIntercept ? 1 : 0);
        _r = new double[_p * _p];
        _z = new double[_p];
        _row = new double[_p];
    }

    /// <summary>Features per row, without the ones column.</summary>
    public int FeatureCount { get; }

    /// <summary>Whether a ones column is prepended.</summary>
    public bool FitIntercept { get; }

    /// <summary>Rows added so far.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Residual sum of squares <c>min_w ‖Dw − y‖²</c> of the rows so far (exact once <see cref="IsDetermined"/>).
    /// </summary>
    public double Rss { get; private set; }

    /// <summary>
    /// True once the rows seen determine w uniquely: every diagonal entry of R exceeds p·ε·max|Rⱼⱼ| in size.
    /// </summary>
    public bool IsDetermined
    {
        get
        {
            double max = 0;
            for (var j = 0; j < _p; j++) max = Math.Max(max, Math.Abs(_r[j * _p + j]));
            if (max == 0) return false;
            for (var j = 0; j < _p; j++)
                if (Math.Abs(_r[j * _p + j]) <= _p * LinearAlgebraFacts.MachineEpsilon * max) return false;
            return true;
        }
    }

    /// <summary>Adds one row: features <paramref name="features"/> and target <paramref name="target"/>. Cost O(p²).</summary>
    /// <param name="features">The row's <see cref="FeatureCount"/> feature values, finite.</param>
    /// <param name="target">The row's target, finite.</param>
    public void Add(ReadOnlySpan<double> features, double target)
    {
        if (features.Length != FeatureCount)
            throw new ArgumentException($"The row has {features.Length} values but the model has {FeatureCount} features.", nameof(features));
        DesignMatrix.RequireFinite(features, nameof(features));
        if (!double.IsFinite(target))
            throw new ArgumentException($"target is {target}: it must be a finite number.", nameof(target));

        var a = _row.AsSpan();
        var offset = 0;
        if (FitIntercept) { a[0] = 1; offset = 1; }
        features.CopyTo(a[offset..]);
        var b = target;
        for (var j = 0; j < _p; j++)
        {
            var aj = a[j];
            if (aj == 0) continue;
            var rjj = _r[j * _p + j];
            // A Givens rotation in the (row j of R, new row) plane that zeroes a[j].
            var h = double.Hypot(rjj, aj); // hypot avoids overflow in rjj² + aj²
            var c = rjj / h;
            var s = aj / h;
            _r[j * _p + j] = h;
            for (var k = j + 1; k < _p; k++)
            {
                var rjk = _r[j * _p + k];
                _r[j * _p + k] = c * rjk + s * a[k];
                a[k] = -s * rjk + c * a[k];
            }
            var zj = _z[j];
            _z[j] = c * zj + s * b;
            b = -s * zj + c * b;
        }
        Rss += b * b;
        Count++;
    }

    /// <summary>Adds one row given as a vector.</summary>
    /// <param name="features">The row's feature values.</param>
    /// <param name="target">The row's target.</param>
    public void Add(Vector<double> features, double target)
    {
        ArgumentNullException.ThrowIfNull(features);
        Add(features.AsArray() ?? features.ToArray(), target);
    }

    /// <summary>Adds every row of <paramref name="x"/> with its target, in order.</summary>
    /// <param name="x">Rows of features.</param>
    /// <param name="y">One target per row.</param>
    public void AddRange(Matrix<double> x, Vector<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (y.Count != x.RowCount)
            throw new ArgumentException($"y has {y.Count} values but X has {x.RowCount} rows: give one target per row.", nameof(y));
        if (x.ColumnCount != FeatureCount)
            throw new ArgumentException($"X has {x.ColumnCount} columns but the model has {FeatureCount} features.", nameof(x));
        var row = new double[FeatureCount];
        var n = x.RowCount;
        var data = x.AsColumnMajorArray();   // dense storage: no per-element indexer calls
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < FeatureCount; j++) row[j] = data is null ? x[i, j] : data[j * n + i];
            Add(row, y[i]);
        }
    }

    /// <summary>
    /// The current least-squares coefficients <c>[w₀, w₁, …]</c>: the solution of <c>Rw = z</c> by back substitution.
    /// </summary>
    /// <exception cref="InvalidOperationException">The rows so far do not determine w (too few rows, or dependent columns).</exception>
    public Vector<double> Coefficients()
    {
        if (!IsDetermined)
            throw new InvalidOperationException(
                $"{Count} row(s) seen do not determine the {_p} coefficients (too few rows or linearly dependent columns so far): add more rows, " +
                "or fit the data with LinearRegression(OlsSolver.Svd) for the minimum-norm solution.");
        var w = new double[_p];
        SmallCholesky.SolveUpper(_r, _p, _p, _z, w); // R w = z
        return Vector<double>.Build.Dense(w);
    }
}
