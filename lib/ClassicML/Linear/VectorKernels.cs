using System.Runtime.InteropServices;
using SimdVector = System.Numerics.Vector<double>;

namespace ClassicML.Linear;

/// <summary>
/// The few level-1 kernels gradient descent needs (dot product, y += a·x), SIMD-vectorised with
/// <see cref="System.Numerics.Vector{T}"/> from the base library.
/// </summary>
/// <remarks>
/// System.Numerics.Tensors would offer the same, but it is not part of the shared framework: a notebook that
/// <c>#r</c>s ClassicML.dll would then need that package resolved too. These kernels keep the library's
/// numeric core dependent on MathNet.Numerics alone.
/// </remarks>
internal static class VectorKernels
{
    /// <summary><c>Σᵢ xᵢ·yᵢ</c>.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var vx = MemoryMarshal.Cast<double, SimdVector>(x);
        var vy = MemoryMarshal.Cast<double, SimdVector>(y);
        var acc = SimdVector.Zero;
        for (var k = 0; k < vx.Length; k++) acc += vx[k] * vy[k];
        var sum = System.Numerics.Vector.Sum(acc);
        for (var i = vx.Length * SimdVector.Count; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    /// <summary><c>y ← y + a·x</c>.</summary>
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        var vx = MemoryMarshal.Cast<double, SimdVector>(x);
        var vy = MemoryMarshal.Cast<double, SimdVector>(y);
        var va = new SimdVector(a);
        for (var k = 0; k < vx.Length; k++) vy[k] += va * vx[k];
        for (var i = vx.Length * SimdVector.Count; i < x.Length; i++) y[i] += a * x[i];
    }

    /// <summary><c>y ← −x</c>.</summary>
    public static void Negate(ReadOnlySpan<double> x, Span<double> y)
    {
        for (var i = 0; i < x.Length; i++) y[i] = -x[i];
    }

    /// <summary>The Euclidean norm <c>√Σ xᵢ²</c>, scaled so that it neither overflows nor underflows.</summary>
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
