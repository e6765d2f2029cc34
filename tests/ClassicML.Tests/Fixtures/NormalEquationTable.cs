using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests;

/// <summary>
/// The 10-row table of the normal-equation article (seed 002; also data/normal-equation-table.csv): three nearly
/// collinear features f1..f3, the target y, and the published least-squares coefficients. Lessons 03 and 02 both test on it.
/// </summary>
internal static class NormalEquationTable
{
    public static readonly double[] F1 = [1.1, 2.1, 3.1, 4.4, 5.2, 6.4, 7.1, 8.2, 9.4, 10.5];
    public static readonly double[] F2 = [1.4, 2.3, 3.4, 4.1, 5.5, 6.2, 7.3, 8.4, 9.2, 10.1];
    public static readonly double[] F3 = [1.2, 2.2, 3.4, 4.2, 5.3, 6.2, 7.3, 8.4, 9.2, 10.3];
    public static readonly double[] Y = [1.2, 2.2, 3.3, 4.3, 5.2, 6.3, 7.2, 8.3, 9.3, 10.2];

    /// <summary>Printed in the article, 8 decimals: [w0, w1, w2, w3].</summary>
    public static readonly double[] Published = [0.05994939, 0.42839296, 0.09249473, 0.46642055];

    public static Matrix<double> X => Matrix<double>.Build.DenseOfColumnArrays(F1, F2, F3);

    public static Vector<double> Targets => Vector<double>.Build.Dense((double[])Y.Clone());

    /// <summary>The repository root (the folder holding data/), found from the test's output folder.</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "data", "normal-equation-table.csv")))
                dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("data/normal-equation-table.csv not found above " + AppContext.BaseDirectory);
        }
    }
}
