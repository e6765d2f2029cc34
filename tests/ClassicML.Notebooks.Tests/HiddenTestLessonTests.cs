using System.Text.RegularExpressions;
using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Execution;

namespace ClassicML.Notebooks.Tests;

/// <summary>
/// The teacher's hidden tests of lessons 03 and 04 reject plausible wrong answers. Each test loads the lesson, keeps its
/// setup cell, puts a wrong answer into the solution blocks of several exercises, runs each exercise's hidden-test cell
/// after them (as <c>grade</c> does, without strict mode) and reads back the points every part earned. One kernel run per
/// lesson keeps it cheap. The teacher's own solutions earning full points is what <c>check</c> proves on the lesson.
/// </summary>
[Collection("notebook runs")]
public partial class HiddenTestLessonTests
{
    private const string Lesson03 = "03-linear-regression.dib";
    private const string Lesson04 = "04-exercise-7.1-perceptron-vs-svm.dib";

    [Fact]
    public void Lesson_03_hidden_tests_reject_wrong_answers()
    {
        var parts = GradeWrongAnswers(Lesson03, new Dictionary<string, (string Method, string Body)>
        {
            // The expanded sums Σxy − n·x̄·ȳ and Σx² − n·x̄² that the lesson warns against: right on small numbers.
            ["3.1"] = ("SlopeFromDerivation", """
                double n = x.Count, sx = 0, sy = 0, sxy = 0, sxx = 0;
                for (var i = 0; i < x.Count; i++) { sx += x[i]; sy += y[i]; sxy += x[i] * y[i]; sxx += x[i] * x[i]; }
                return (sxy - sx * sy / n) / (sxx - sx * sx / n);
                """),
            // The normal equation without the ones column: no intercept.
            ["3.2"] = ("SolveNormalEquation", """
                var gram = features.TransposeThisAndMultiply(features);
                return gram.Cholesky().Solve(features.TransposeThisAndMultiply(target));
                """),
            // w1 updated from the already updated w0 (Gauss–Seidel instead of gradient descent).
            ["3.3"] = ("DescendOneFeature", """
                double w0 = 0, w1 = 0;
                for (var k = 0; k < steps; k++)
                {
                    double g0 = 0, g1 = 0;
                    for (var i = 0; i < x.Length; i++) g0 += w0 + w1 * x[i] - y[i];
                    w0 -= eta * 2.0 / x.Length * g0;
                    for (var i = 0; i < x.Length; i++) g1 += (w0 + w1 * x[i] - y[i]) * x[i];
                    w1 -= eta * 2.0 / x.Length * g1;
                }
                return (w0, w1);
                """),
            // Xᵀr over the feature columns only, forgetting that the ones column is a column of X.
            ["3.4"] = ("Diagnose", """
                var design = Matrix<double>.Build.Dense(features.RowCount, 1, 1.0).Append(features);
                var r = target - design * w;
                var mean = target.Average();
                var rss = r.DotProduct(r);
                return (r, rss, 1 - rss / target.Sum(v => (v - mean) * (v - mean)), features.TransposeThisAndMultiply(r));
                """),
        });

        AssertEarned(parts, "3.1", "a feature far from zero (centred sums)", 0);
        AssertEarned(parts, "3.2", "40 noisy rows with a large intercept", 0);
        AssertEarned(parts, "3.2", "an exact fit recovers its coefficients", 0);
        AssertEarned(parts, "3.3", "the first three steps, one by one", 0);
        AssertEarned(parts, "3.4", "Xᵀr for every column of X, the ones column included", 0);
        // The parts a wrong answer does not touch still earn their points: partial credit, not all or nothing.
        AssertEarned(parts, "3.1", "points exactly on a line", 1);
        AssertEarned(parts, "3.4", "residuals and RSS at a coefficient vector that is not optimal", 1);
    }

    [Fact]
    public void Lesson_04_hidden_tests_reject_wrong_answers()
    {
        var parts = GradeWrongAnswers(Lesson04, new Dictionary<string, (string Method, string Body)>
        {
            // A mistake only when the margin is negative (< 0 instead of ≤ 0): from w = 0, b = 0 nothing ever updates.
            ["4.1"] = ("MyPerceptron", """
                var w = new double[x[0].Length];
                double b = 0;
                var updates = new List<int>();
                for (int pass = 0; pass < maxPasses; pass++)
                {
                    bool mistake = false;
                    for (int i = 0; i < x.Length; i++)
                    {
                        double score = b;
                        for (int k = 0; k < w.Length; k++) score += w[k] * x[i][k];
                        if (labels[i] * score >= 0) continue;
                        for (int k = 0; k < w.Length; k++) w[k] += eta * labels[i] * x[i][k];
                        b += eta * labels[i];
                        updates.Add(i);
                        mistake = true;
                    }
                    if (!mistake) break;
                }
                return (w, b, updates);
                """),
            // The same slip in the dual form.
            ["4.2"] = ("MyPerceptronDual", """
                int n = labels.Length;
                var alpha = new double[n];
                double b = 0;
                for (int pass = 0; pass < maxPasses; pass++)
                {
                    bool mistake = false;
                    for (int i = 0; i < n; i++)
                    {
                        double score = b;
                        for (int j = 0; j < n; j++) score += alpha[j] * labels[j] * gram[j, i];
                        if (labels[i] * score >= 0) continue;
                        alpha[i] += eta;
                        b += eta * labels[i];
                        mistake = true;
                    }
                    if (!mistake) break;
                }
                return (alpha, b);
                """),
            // The factor 2 of w·(x₊ − x₋) = 2 forgotten.
            ["4.3"] = ("MaxMarginFromSupportVectors", """
                var d = xPlus - xMinus;
                var w = d / d.DotProduct(d);
                return (w, 1.0 - w.DotProduct(xPlus));
                """),
            // The source's erratum: the label of the support vector j inside the sum for w*.
            ["4.4"] = ("RecoverPrimal", """
                int j = Enumerable.Range(0, alpha.Count).First(k => alpha[k] > 0);
                var w = Vector<double>.Build.Dense(x.ColumnCount);
                for (int i = 0; i < x.RowCount; i++) w += alpha[i] * labels[j] * x.Row(i);
                double sum = 0;
                for (int i = 0; i < x.RowCount; i++) sum += alpha[i] * labels[i] * x.Row(i).DotProduct(x.Row(j));
                return (w, labels[j] - sum);
                """),
            // Every order's hyperplane, duplicates kept.
            ["4.5"] = ("DistinctPerceptronSolutions", """
                return AllOrders(x.RowCount)
                    .Select(o => new Perceptron(order: o, recordHistory: false).Fit(x, labels))
                    .Select(m => (m.W[0], m.W[1], m.B)).ToList();
                """),
            // The wrong support vectors: the first positive and the first negative point, which happens to be right for
            // the book's three points (x₁ and x₃) and passes the visible check.
            ["4.6"] = ("HardMarginByKkt", """
                int p = Enumerable.Range(0, x.RowCount).First(i => labels[i] > 0);
                int m = Enumerable.Range(0, x.RowCount).First(i => labels[i] < 0);
                var d = x.Row(p) - x.Row(m);
                var a = 2.0 / d.DotProduct(d);
                var alpha = Vector<double>.Build.Dense(x.RowCount);
                alpha[p] = a;
                alpha[m] = a;
                return (alpha, 1.0 - a * (x.Row(p) - x.Row(m)).DotProduct(x.Row(p)));
                """),
        });

        AssertEarned(parts, "4.1", "the update sequence on 20 other points with η = 0.5", 0);
        AssertEarned(parts, "4.1", "w and b in three dimensions", 0);
        AssertEarned(parts, "4.2", "α and b on 30 other points in three dimensions", 0);
        AssertEarned(parts, "4.2", "the learning rate scales α and b", 0);
        AssertEarned(parts, "4.3", "a pair far from the origin", 0);
        AssertEarned(parts, "4.3", "a pair in three dimensions", 0);
        AssertEarned(parts, "4.4", "w* and b* from α* on 8 points", 0);
        AssertEarned(parts, "4.4", "the dual objective at an arbitrary α on 8 points", 1); // untouched by the slip
        AssertEarned(parts, "4.5", "how many distinct hyperplanes on four points", 0);
        AssertEarned(parts, "4.6", "three support vectors: no pair of points is the answer", 0);
        AssertEarned(parts, "4.6", "α* and b* on seven other points, as the library's dual solve", 0);
    }

    /// <summary>One graded part as the kernel reported it.</summary>
    private sealed record Part(string Id, string What, int Points, int MaxPoints);

    /// <summary>
    /// Runs, in one kernel: the lesson's setup cell; for each exercise its solution cell with the block inside
    /// <c>Method</c> replaced by <c>Body</c>; then each exercise's hidden-test cell, and a cell that prints every part
    /// the hidden cells graded. Also checks that each exercise's parts add up to the points its marker line declares.
    /// </summary>
    private static List<Part> GradeWrongAnswers(string lesson, IReadOnlyDictionary<string, (string Method, string Body)> wrong)
    {
        var path = Path.Combine(TestPaths.Notebooks, lesson);
        var source = NotebookFile.Load(path);
        var code = source.Cells.Where(c => c.Kind == CellKind.Code).ToList();
        var cells = new List<Cell> { Cell.Code(code[0].Source) };
        var hidden = new List<Cell>();
        var declared = new Dictionary<string, int>();
        foreach (var (id, (method, body)) in wrong)
        {
            var marker = code.Single(c => c.Source.StartsWith($"// HIDDEN TESTS {id} ", StringComparison.Ordinal));
            declared[id] = int.Parse(PointsOf().Match(marker.Source).Groups[1].Value);
            var solution = code.Single(c => c.Source.Contains($" {method}(", StringComparison.Ordinal) && c.Source.Contains("// BEGIN SOLUTION", StringComparison.Ordinal));
            cells.Add(Cell.Code(ReplaceBlock(solution.Source, method, body)));
            hidden.Add(Cell.Code(marker.Source));
        }
        cells.Add(Cell.Code("var hiddenBefore = global::ClassicML.Exercises.HiddenTest.Results.Count;"));
        cells.AddRange(hidden);
        cells.Add(Cell.Code("""
            foreach (var p in global::ClassicML.Exercises.HiddenTest.Results.Skip(hiddenBefore))
                Console.WriteLine($"PART|{p.Id}|{p.What}|{p.Points}|{p.MaxPoints}");
            """));

        var result = NotebookRunner.Run(new Notebook(cells), path, new RunOptions { StrictExercises = false, CellTimeout = TimeSpan.FromSeconds(120) });
        Assert.True(result.Succeeded, result.FirstError);
        var printed = string.Concat(result.Notebook.Cells[^1].Outputs.OfType<StreamOutput>().Select(o => o.Text));
        var parts = printed.Split('\n').Where(l => l.StartsWith("PART|", StringComparison.Ordinal))
            .Select(l => l.Split('|')).Select(f => new Part(f[1], f[2], int.Parse(f[3]), int.Parse(f[4]))).ToList();
        foreach (var (id, points) in declared)
            Assert.Equal(points, parts.Where(p => p.Id == id).Sum(p => p.MaxPoints));
        return parts;
    }

    /// <summary>Replaces the lines between <c>// BEGIN SOLUTION</c> and <c>// END SOLUTION</c> that follow <paramref name="method"/>'s name.</summary>
    private static string ReplaceBlock(string cell, string method, string body)
    {
        var at = cell.IndexOf($" {method}(", StringComparison.Ordinal);
        var begin = cell.IndexOf("// BEGIN SOLUTION", at, StringComparison.Ordinal);
        var contentStart = cell.IndexOf('\n', begin) + 1;
        var end = cell.IndexOf("// END SOLUTION", contentStart, StringComparison.Ordinal);
        var endLineStart = cell.LastIndexOf('\n', end) + 1;
        Assert.True(at >= 0 && begin > at && end > begin, $"no solution block in {method}");
        return cell[..contentStart] + body + "\n" + cell[endLineStart..];
    }

    private static void AssertEarned(List<Part> parts, string id, string what, int points)
    {
        var part = parts.SingleOrDefault(p => p.Id == id && p.What == what);
        Assert.True(part is not null, $"no hidden part '{what}' of {id}; graded: {string.Join("; ", parts)}");
        Assert.True(part.Points == points, $"{id} · {what}: earned {part.Points}/{part.MaxPoints}, expected {points}");
    }

    [GeneratedRegex(@"points=(\d+)")]
    private static partial Regex PointsOf();
}
