using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Margins;

/// <summary>
/// Thrown when no hyperplane separates the two classes, so the hard-margin constraints
/// <c>yᵢ(w·xᵢ + b) ≥ 1</c> have no solution. <see cref="Witness"/> is a point that is a convex combination of
/// positive samples and also of negative samples, which is the proof: every linear function takes the same
/// value there from both sides.
/// </summary>
public sealed class HardMarginInfeasibleException : ArgumentException
{
    /// <summary>Creates the exception for parameter <paramref name="paramName"/> with the common point of the two hulls.</summary>
    /// <param name="witness">A point in both classes' convex hulls.</param>
    /// <param name="paramName">The offending parameter (the features).</param>
    public HardMarginInfeasibleException(Vector<double> witness, string paramName)
        : base("The data are not linearly separable, so the hard-margin SVM problem is infeasible: the convex hulls of the two classes meet at ("
               + string.Join(", ", witness.Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))
               + "). Use a soft-margin SVM (SoftMarginSvm with a finite penalty C), which allows slack ξᵢ ≥ 0 in yᵢ(w·xᵢ + b) ≥ 1 − ξᵢ.", paramName)
    {
        Witness = witness;
    }

    /// <summary>A point lying in the convex hull of each class.</summary>
    public Vector<double> Witness { get; }
}
