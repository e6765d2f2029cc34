namespace ClassicML.Numerics;

/// <summary>Evenly spaced sample points: the one linspace of the library (charts, lessons and tests use it).</summary>
public static class NumericGrid
{
    /// <summary>
    /// xₖ = from + (to − from)·k/(points − 1), k = 0 … points − 1, with the last point set to exactly <paramref name="to"/>
    /// (as numpy's <c>linspace</c>): each point is one rounding of its exact value, with no step accumulated over k.
    /// </summary>
    /// <param name="from">Left end (finite).</param>
    /// <param name="to">Right end (finite, &gt; <paramref name="from"/>).</param>
    /// <param name="points">Number of points (2 … 100 000).</param>
    /// <exception cref="ArgumentOutOfRangeException">When an end is not finite, the interval is empty, or the count is out of range.</exception>
    public static double[] Linspace(double from, double to, int points)
    {
        if (!double.IsFinite(from)) throw new ArgumentOutOfRangeException(nameof(from), from, "The interval's left end must be finite.");
        if (!double.IsFinite(to) || !(to > from))
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The interval's right end must be finite and greater than from = {from}.");
        if (points is < 2 or > 100_000)
            throw new ArgumentOutOfRangeException(nameof(points), points, "Use between 2 and 100 000 sample points (401 draws a smooth curve).");
        var grid = new double[points];
        var width = to - from;
        for (var k = 0; k < points; k++) grid[k] = from + width * k / (points - 1);
        grid[^1] = to;
        return grid;
    }
}
