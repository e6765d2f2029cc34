using ClassicML.Margins;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Margins;

/// <summary>Li Hang's Examples 2.1, 2.2, 7.1 and 7.2 on x₁ = (3,3), x₂ = (4,3) positive and x₃ = (1,1) negative.</summary>
public class BookExamplesTests
{
    internal static readonly Matrix<double> X = Matrix<double>.Build.DenseOfArray(new double[,] { { 3, 3 }, { 4, 3 }, { 1, 1 } });
    internal static readonly Vector<double> Y = Vector<double>.Build.Dense([1.0, 1.0, -1.0]);

    // Table 2.1 / 2.2: the misclassified point chosen at each update, and (w, b, α) after it.
    private static readonly int[] BookSequence = [0, 2, 2, 2, 0, 2, 2];
    private static readonly double[][] BookW = [[3, 3], [2, 2], [1, 1], [0, 0], [3, 3], [2, 2], [1, 1]];
    private static readonly double[] BookB = [1, 0, -1, -2, -1, -2, -3];
    private static readonly double[][] BookAlpha = [[1, 0, 0], [1, 0, 1], [1, 0, 2], [1, 0, 3], [2, 0, 3], [2, 0, 4], [2, 0, 5]];

    [Fact]
    public void Example_2_1_primal_perceptron_reproduces_the_books_table_exactly()
    {
        var model = new Perceptron(learningRate: 1.0).Fit(X, Y);
        Assert.True(model.Converged);
        Assert.Equal(BookSequence, model.History.Select(u => u.Index));
        for (int k = 0; k < BookSequence.Length; k++)
        {
            Assert.Equal(BookW[k], model.History[k].W.ToArray());
            Assert.Equal(BookB[k], model.History[k].B);
            Assert.Equal(BookAlpha[k], model.History[k].Alpha.ToArray());
            Assert.Equal(k + 1, model.History[k].Step);
        }
        Assert.Equal(new[] { 1.0, 1.0 }, model.W.ToArray());
        Assert.Equal(-3.0, model.B);
        Assert.Equal(7, model.UpdateCount);
        Assert.Equal(PerceptronForm.Primal, model.Form);
        Assert.Null(model.Gram);
        Assert.Equal(0, model.MisclassifiedAtEnd);
    }

    [Fact]
    public void Example_2_2_dual_perceptron_reproduces_alpha_b_and_the_gram_matrix_exactly()
    {
        var model = new PerceptronDual(learningRate: 1.0).Fit(X, Y);
        Assert.True(model.Converged);
        Assert.Equal(new[] { 2.0, 0.0, 5.0 }, model.Alpha.ToArray());
        Assert.Equal(-3.0, model.B);
        Assert.Equal(new[] { 1.0, 1.0 }, model.W.ToArray());
        Assert.Equal(BookSequence, model.History.Select(u => u.Index));
        for (int k = 0; k < BookSequence.Length; k++)
        {
            Assert.Equal(BookAlpha[k], model.History[k].Alpha.ToArray());
            Assert.Equal(BookB[k], model.History[k].B);
            Assert.Equal(BookW[k], model.History[k].W.ToArray());
        }
        var expectedGram = Matrix<double>.Build.DenseOfArray(new double[,] { { 18, 21, 6 }, { 21, 25, 7 }, { 6, 7, 2 } });
        Assert.Equal(expectedGram, model.Gram);
        Assert.Equal(expectedGram, PerceptronDual.GramMatrix(X));
    }

    [Fact]
    public void Dual_form_b_equals_sum_of_alpha_y_and_w_equals_sum_of_alpha_y_x()
    {
        var model = new PerceptronDual().Fit(X, Y);
        Assert.Equal(model.B, model.Alpha.PointwiseMultiply(Y).Sum());
        Assert.Equal(model.W, X.TransposeThisAndMultiply(model.Alpha.PointwiseMultiply(Y)));
    }

    [Fact]
    public void Examples_7_1_and_7_2_hard_margin_svm_gives_the_books_solution()
    {
        var svm = new HardMarginSvm().Fit(X, Y);
        Assert.Equal(0.5, svm.W[0], 12);
        Assert.Equal(0.5, svm.W[1], 12);
        Assert.Equal(-2.0, svm.B, 12);
        Assert.Equal(0.25, svm.Alpha[0], 12);
        Assert.Equal(0.0, svm.Alpha[1], 12);
        Assert.Equal(0.25, svm.Alpha[2], 12);
        Assert.Equal(new[] { 0, 2 }, svm.SupportVectorIndices);
        Assert.Equal(Math.Sqrt(2), svm.GeometricMargin, 12);
        Assert.Equal(2 * Math.Sqrt(2), svm.MarginWidth, 12);
        Assert.Equal(0.25, svm.PrimalObjective, 12);
        Assert.Equal(0.25, svm.DualObjective, 12);
        Assert.True(svm.Kkt.AllHold, svm.Kkt.ToString());
        Assert.True(svm.Converged);
        // The book's b* recipe from either support vector.
        Assert.Equal(-2.0, svm.BiasFromSupportVector(0), 12);
        Assert.Equal(-2.0, svm.BiasFromSupportVector(2), 12);
        Assert.Throws<ArgumentException>(() => svm.BiasFromSupportVector(1));
    }

    [Fact]
    public void Example_7_1_primal_solve_agrees_with_the_dual()
    {
        var primal = new HardMarginSvmPrimal().Fit(X, Y);
        Assert.True(primal.Converged);
        Assert.Equal(0.5, primal.W[0], 9);
        Assert.Equal(0.5, primal.W[1], 9);
        Assert.Equal(-2.0, primal.B, 9);
        Assert.Equal(0.25, primal.Multipliers[0], 6);
        Assert.Equal(0.0, primal.Multipliers[1], 6);
        Assert.Equal(0.25, primal.Multipliers[2], 6);
    }

    [Fact]
    public void Hull_nearest_points_give_the_margin_width()
    {
        var hulls = ConvexHulls.NearestPoints(X, Y);
        Assert.False(hulls.Intersect);
        Assert.Equal(2 * Math.Sqrt(2), hulls.Distance, 12);
        Assert.Equal(new[] { 3.0, 3.0 }, hulls.U.ToArray().Select(v => Math.Round(v, 12)));
        Assert.Equal(new[] { 1.0, 1.0 }, hulls.V.ToArray().Select(v => Math.Round(v, 12)));
    }
}
