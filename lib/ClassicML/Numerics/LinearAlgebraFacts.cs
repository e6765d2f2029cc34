namespace ClassicML.Numerics;

/// <summary>Constants of double-precision arithmetic the solvers' tolerances are built from.</summary>
internal static class LinearAlgebraFacts
{
    /// <summary>Machine epsilon of double, 2⁻⁵² (the gap between 1 and the next double), as numpy's finfo.eps.</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;
}
