using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Margins;

/// <summary>Margins of a hyperplane <c>w·x + b = 0</c> on a labelled data set.</summary>
public static class MarginMath
{
    /// <summary>The functional margins <c>γ̂ᵢ = yᵢ(w·xᵢ + b)</c>, one per row of <paramref name="x"/>.</summary>
    public static Vector<double> FunctionalMargins(Vector<double> w, double b, Matrix<double> x, Vector<double> y)
    {
        ArgumentNullException.ThrowIfNull(w);
        var data = LabeledData.From(x, y);
        if (w.Count != data.Dimension)
            throw new ArgumentException($"w has {w.Count} entries but x has {data.Dimension} columns; they must match.", nameof(w));
        if (!double.IsFinite(b))
            throw new ArgumentException("b must be a finite number.", nameof(b));
        var wa = w.ToArray();
        var margins = new double[data.Count];
        for (int i = 0; i < data.Count; i++)
            margins[i] = data.Labels[i] * (System.Numerics.Tensors.TensorPrimitives.Dot(wa, data.Row(i)) + b);
        return Vector<double>.Build.Dense(margins);
    }

    /// <summary>
    /// The geometric margin <c>γ = minᵢ yᵢ(w·xᵢ + b) / ‖w‖</c>: the signed distance of the worst-placed sample
    /// from the hyperplane (negative when some sample is on the wrong side).
    /// </summary>
    public static double GeometricMargin(Vector<double> w, double b, Matrix<double> x, Vector<double> y)
    {
        var functional = FunctionalMargins(w, b, x, y);
        double norm = w.L2Norm();
        if (norm == 0)
            throw new ArgumentException("w is the zero vector, which defines no hyperplane; the geometric margin is undefined.", nameof(w));
        return functional.Minimum() / norm;
    }

    /// <summary>The score <c>w·x + b</c> of one sample, after checking that x has as many features as w.</summary>
    internal static double Decision(Vector<double> w, double b, Vector<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Count != w.Count)
            throw new ArgumentException($"x has {x.Count} features but the model was fitted on {w.Count}; pass a vector of length {w.Count}.", nameof(x));
        return w.DotProduct(x) + b;
    }

    /// <summary>sign(w·xᵢ + b) of every row (sign(0) = +1), after checking the rows through the shared <see cref="Validation.Check"/>.</summary>
    internal static Vector<double> PredictRows(Vector<double> w, double b, Matrix<double> x)
    {
        Validation.Check.SameFeatures(x, w.Count, nameof(x));
        var scores = x * w;
        return scores.Map(z => z + b >= 0 ? 1.0 : -1.0);
    }
}
