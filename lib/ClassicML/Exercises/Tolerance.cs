namespace ClassicML.Exercises;

/// <summary>How a check decides that a number is close enough to the expected one.</summary>
public enum ToleranceKind
{
    /// <summary>|a − e| ≤ t · max(1, |e|): relative for |e| ≥ 1, absolute below (the default, right for values of order one).</summary>
    Mixed,

    /// <summary>|a − e| ≤ t · |e|: relative at every scale (right for tiny values such as σ′(40) ≈ 4.2e-18, where an absolute test passes 0).</summary>
    Relative,

    /// <summary>|a − e| ≤ t: absolute at every scale (right for quantities whose scale is fixed, e.g. probabilities near 0.5).</summary>
    Absolute,
}

/// <summary>
/// The tolerance of a check: a kind and a bound t ≥ 0. A plain <see cref="double"/> converts to
/// <see cref="Mixed(double)"/>, so <c>tolerance: 1e-9</c> keeps its old meaning.
/// </summary>
/// <param name="Bound">The bound t (finite, ≥ 0).</param>
/// <param name="Kind">How t is applied; see <see cref="ToleranceKind"/>.</param>
public readonly record struct Tolerance(double Bound, ToleranceKind Kind)
{
    /// <summary>The default: <see cref="Mixed(double)"/> with t = 1e-9.</summary>
    public static Tolerance Default => new(1e-9, ToleranceKind.Mixed);

    /// <summary>|a − e| ≤ t · max(1, |e|).</summary>
    public static Tolerance Mixed(double t) => new(t, ToleranceKind.Mixed);

    /// <summary>|a − e| ≤ t · |e| (a zero expected value then needs an exact zero).</summary>
    public static Tolerance Relative(double t) => new(t, ToleranceKind.Relative);

    /// <summary>|a − e| ≤ t.</summary>
    public static Tolerance Absolute(double t) => new(t, ToleranceKind.Absolute);

    /// <summary>A number t means <see cref="Mixed(double)"/>(t).</summary>
    public static implicit operator Tolerance(double t) => Mixed(t);

    /// <summary>The largest |a − e| this tolerance accepts for the expected value <paramref name="expected"/>.</summary>
    public double Allowed(double expected) => Kind switch
    {
        ToleranceKind.Relative => Bound * Math.Abs(expected),
        ToleranceKind.Absolute => Bound,
        _ => Bound * Math.Max(1.0, Math.Abs(expected)),
    };

    /// <summary>Throws when the bound is negative, NaN or infinite.</summary>
    internal void Validate(string paramName)
    {
        if (!(Bound >= 0) || double.IsPositiveInfinity(Bound))
            throw new ArgumentOutOfRangeException(paramName, Bound, "The tolerance must be a finite number ≥ 0, e.g. 1e-9 or Tolerance.Relative(1e-12).");
        if (!Enum.IsDefined(Kind))
            throw new ArgumentOutOfRangeException(paramName, Kind, "The tolerance kind must be Mixed, Relative or Absolute.");
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ToleranceKind.Relative => $"relative {Bound:G3}",
        ToleranceKind.Absolute => $"absolute {Bound:G3}",
        _ => $"{Bound:G3}·max(1, |e|)",
    };
}
