namespace ClassicML.Numerics;

/// <summary>
/// The one level-1 kernel the library needs beyond <c>System.Numerics.Tensors.TensorPrimitives</c> (which supplies the
/// dot products and y ← y + a·x): a Euclidean norm that cannot overflow or underflow.
/// </summary>
internal static class VectorKernels
{
    /// <summary>The Euclidean norm <c>√Σ xᵢ²</c>, scaled by max |xᵢ| so that it neither overflows nor underflows.</summary>
    public static double Norm(ReadOnlySpan<double> x)
    {
        double scale = 0;
        foreach (var v in x) scale = Math.Max(scale, Math.Abs(v));
        if (scale == 0 || !double.IsFinite(scale)) return scale;
        double sum = 0;
        foreach (var v in x) { var s = v / scale; sum += s * s; }
        return scale * Math.Sqrt(sum);
    }
}
