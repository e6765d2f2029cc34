namespace ClassicML.Numerics;

/// <summary>Evenly spaced sample points, the one linspace of the library (charts and lessons).</summary>
internal static class NumericGrid
{
    /// <summary>
    /// xᵢ = lo + (hi − lo)·i/(n − 1), i = 0 … n − 1: the endpoints are lo and lo + (hi − lo), and each point is one
    /// rounding of the exact value (no accumulated step). n ≥ 2.
    /// </summary>
    public static double[] Linspace(double lo, double hi, int n)
    {
        var v = new double[n];
        for (var i = 0; i < n; i++) v[i] = lo + (hi - lo) * i / (n - 1);
        return v;
    }
}
