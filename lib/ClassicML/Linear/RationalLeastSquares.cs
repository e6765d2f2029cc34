using BigInteger = System.Numerics.BigInteger;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Linear;

/// <summary>
/// The exact least-squares solution of a small problem, as a reference to measure floating-point solvers against.
/// </summary>
/// <remarks>
/// Every double is a fraction m·2ᵉ, so the normal equation <c>DᵀD·w = Dᵀy</c> can be formed and solved by Gaussian
/// elimination in rational arithmetic (BigInteger numerator and denominator) with no rounding at all; only the final
/// answer is rounded to double. The cost grows quickly with the size of the numbers, so keep it to small tables.
/// </remarks>
public static class RationalLeastSquares
{
    /// <summary>
    /// Solves <c>DᵀD·w = Dᵀy</c> exactly for <c>D = [1 | X]</c> (or <c>X</c>) and rounds w to double at the end.
    /// </summary>
    /// <param name="x">Features, one row per sample (at most 10 000 cells).</param>
    /// <param name="y">Targets, one per row.</param>
    /// <param name="fitIntercept">Prepend the ones column.</param>
    /// <returns>The exact minimiser, each coefficient rounded once.</returns>
    /// <exception cref="ArgumentException">The problem is too large, or D has dependent columns (DᵀD singular).</exception>
    public static Vector<double> Solve(Matrix<double> x, Vector<double> y, bool fitIntercept = true)
    {
        var d = DesignMatrix.Validate(x, y, fitIntercept);
        var n = d.RowCount;
        var p = d.ColumnCount;
        if ((long)n * p > 10_000)
            throw new ArgumentException($"X has {n} × {p} cells: exact rational arithmetic is meant for small reference tables (≤ 10 000 cells).", nameof(x));

        var cells = new Fraction[n, p];
        var ys = new Fraction[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < p; j++) cells[i, j] = Fraction.FromDouble(d[i, j]);
            ys[i] = Fraction.FromDouble(y[i]);
        }

        // Augmented normal equation [DᵀD | Dᵀy], every entry exact.
        var a = new Fraction[p, p + 1];
        for (var j = 0; j < p; j++)
        {
            for (var k = j; k < p; k++)
            {
                var s = Fraction.Zero;
                for (var i = 0; i < n; i++) s += cells[i, j] * cells[i, k];
                a[j, k] = s;
                a[k, j] = s;
            }
            var t = Fraction.Zero;
            for (var i = 0; i < n; i++) t += cells[i, j] * ys[i];
            a[j, p] = t;
        }

        for (var col = 0; col < p; col++)
        {
            var pivot = -1;
            for (var r = col; r < p; r++) if (!a[r, col].IsZero) { pivot = r; break; }
            if (pivot < 0)
                throw new ArgumentException("DᵀD is exactly singular (the columns of the design matrix are linearly dependent): there is no unique solution; use LinearRegression with OlsSolver.Svd for the minimum-norm one.", nameof(x));
            if (pivot != col)
                for (var k = 0; k <= p; k++) (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
            for (var r = 0; r < p; r++)
            {
                if (r == col || a[r, col].IsZero) continue;
                var factor = a[r, col] / a[col, col];
                for (var k = col; k <= p; k++) a[r, k] -= factor * a[col, k];
            }
        }
        var w = new double[p];
        for (var j = 0; j < p; j++) w[j] = (a[j, p] / a[j, j]).ToDouble();
        return Vector<double>.Build.Dense(w);
    }

    /// <summary>An exact fraction num/den with den &gt; 0, kept in lowest terms.</summary>
    private readonly struct Fraction
    {
        private readonly BigInteger _num;
        private readonly BigInteger _den;

        private Fraction(BigInteger num, BigInteger den)
        {
            if (den.Sign < 0) { num = -num; den = -den; }
            var g = BigInteger.GreatestCommonDivisor(num, den);
            if (!g.IsOne && !g.IsZero) { num /= g; den /= g; }
            _num = num;
            _den = den.IsZero ? BigInteger.One : den;
        }

        public static Fraction Zero => new(BigInteger.Zero, BigInteger.One);

        public bool IsZero => _num.IsZero;

        public static Fraction FromDouble(double v)
        {
            if (v == 0) return Zero;
            var bits = BitConverter.DoubleToInt64Bits(v);
            var negative = bits < 0;
            var exponent = (int)((bits >> 52) & 0x7FF);
            var mantissa = bits & 0xFFFFFFFFFFFFFL;
            if (exponent == 0) exponent++; else mantissa |= 1L << 52;
            exponent -= 1075; // v = mantissa · 2^exponent
            BigInteger num = negative ? -mantissa : mantissa;
            return exponent >= 0
                ? new Fraction(num << exponent, BigInteger.One)
                : new Fraction(num, BigInteger.One << -exponent);
        }

        public double ToDouble()
        {
            if (_num.IsZero) return 0;
            // Scale so the integer quotient carries ≥ 64 significant bits, then one rounding to double.
            var shift = 64 - (int)(_num.GetBitLength() - _den.GetBitLength());
            var q = shift >= 0 ? (_num << shift) / _den : _num / (_den << -shift);
            return Math.ScaleB((double)q, -shift);
        }

        public static Fraction operator +(Fraction a, Fraction b) => new(a._num * b._den + b._num * a._den, a._den * b._den);
        public static Fraction operator -(Fraction a, Fraction b) => new(a._num * b._den - b._num * a._den, a._den * b._den);
        public static Fraction operator *(Fraction a, Fraction b) => new(a._num * b._num, a._den * b._den);
        public static Fraction operator /(Fraction a, Fraction b) => new(a._num * b._den, a._den * b._num);
    }
}
