using System.Text.RegularExpressions;
using ClassicML.Exercises;
using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Execution;
using Xunit.Abstractions;

namespace ClassicML.Notebooks.Tests;

/// <summary>
/// The teacher's hidden tests of lessons 01 and 02: each exercise has one hidden-test cell right after its check cell,
/// whose declared points are the sum of its parts; and each hidden test gives no points to a plausible wrong answer.
/// The wrong answers are put where the solutions are (every solution block of the lesson replaced at once), the
/// lesson runs as a student's would (not strict), and the hidden parts' results are read back from the kernel.
/// </summary>
[Collection("notebook runs")]
public partial class LessonHiddenTestTests(ITestOutputHelper log)
{
    /// <summary>A wrong answer per solution block, keyed by the function the block sits in.</summary>
    private static readonly Dictionary<string, string> Lesson01WrongAnswers = new()
    {
        // The naive σ(1 − σ): right near 0, exactly 0 where σ(z) rounds to 1.
        ["SigmoidPrime"] = "return Sigmoid.Value(z) * (1 - Sigmoid.Value(z));",
        // The gradient summed instead of averaged over the rows.
        ["CrossEntropyGradient"] = "var residual = (X * W + b).Map(Sigmoid.Value) - y;\nreturn (X.TransposeThisAndMultiply(residual), residual.Sum());",
        // The visible check's answer typed in: passes the check cell, knows nothing about other parameters.
        ["BoundaryLine"] = "return (-2.0 / 3, 5.0 / 1.2);",
        // Only the weights doubled, the bias left alone.
        ["DoubledLoss"] = "return BinaryCrossEntropy.Loss(X, y, 2 * model.Weights, model.Bias);",
        // The source's loss: ln ŷ and ln(1 − ŷ) taken literally (−∞ once σ under- or overflows).
        ["MeanCrossEntropy"] = """
            var p = (X * W + b).Map(Sigmoid.Value);
            var total = 0.0;
            for (var i = 0; i < p.Count; i++) total += -(y[i] * Math.Log(p[i]) + (1 - y[i]) * Math.Log(1 - p[i]));
            return total / p.Count;
            """,
        // Gradient descent with the gradient not divided by the number of rows.
        ["TrainLogistic"] = """
            var W = Vector<double>.Build.Dense(X.ColumnCount);
            var b = 0.0;
            var losses = new double[epochs + 1];
            losses[0] = MeanCrossEntropy(X, y, W, b);
            for (var t = 1; t <= epochs; t++)
            {
                var residual = (X * W + b).Map(Sigmoid.Value) - y;
                W -= learningRate * X.TransposeThisAndMultiply(residual);
                b -= learningRate * residual.Sum();
                losses[t] = MeanCrossEntropy(X, y, W, b);
            }
            return (W, b, losses);
            """,
    };

    /// <summary>The hidden parts of lesson 01 that the wrong answers above must not pass (exercise id, part).</summary>
    private static readonly (string Id, string What)[] Lesson01MustFail =
    [
        ("1.1", "σ′ far in the tails (σ rounds to 1, e^|z| overflows)"),
        ("1.2", "∂J/∂W on 40 rows and 3 features"),
        ("1.2", "∂J/∂b on the same data"),
        ("1.3", "a boundary with w₁ < 0 < w₂ and a positive bias"),
        ("1.3", "a boundary with w₂ < 0"),
        ("1.4", "J(2W, 2b) for parameters that do not separate the data"),
        ("1.4", "J(2W, 2b) for the source's claimed parameters"),
        ("1.5", "the loss stays finite and exact when logits reach −1300"),
        ("1.5", "W and b after 500 epochs at α = 0.3 on 300 points"),
        ("1.5", "the loss history with three features"),
    ];

    private static readonly Dictionary<string, string> Lesson02WrongAnswers = new()
    {
        // |z| shrunk but the sign forgotten.
        ["SoftThreshold"] = "return Math.Max(Math.Abs(z) - t, 0);",
        // The intercept penalised with the weights: a column of ones in X and no centring.
        ["RidgeClosedForm"] = """
            var a = Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount + 1, (i, j) => j == 0 ? 1.0 : x[i, j - 1]);
            var theta = (a.TransposeThisAndMultiply(a) + lambda * Matrix<double>.Build.DenseIdentity(a.ColumnCount))
                .Cholesky().Solve(a.TransposeThisAndMultiply(yv));
            return (theta.SubVector(1, x.ColumnCount), theta[0]);
            """,
        // Issue 14's example: the library's answer for the check cell's data, read off the lesson's own variable.
        ["ChooseAlpha"] = "return cv.BestAlpha;",
        // Coordinate descent on the raw data, with no intercept.
        ["LassoCoordinateDescent"] = """
            int rows = x.RowCount, p = x.ColumnCount;
            var wv = Vector<double>.Build.Dense(p);
            var residual = yv.Clone();
            for (var sweep = 0; sweep < sweeps; sweep++)
                for (var j = 0; j < p; j++)
                {
                    var xj = x.Column(j);
                    var norm2 = xj.DotProduct(xj);
                    var rho = xj.DotProduct(residual) + norm2 * wv[j];
                    var updated = Math.Sign(rho) * Math.Max(Math.Abs(rho) - rows * alpha, 0) / norm2;
                    residual -= (updated - wv[j]) * xj;
                    wv[j] = updated;
                }
            return (wv, 0.0);
            """,
    };

    private static readonly (string Id, string What)[] Lesson02MustFail =
    [
        ("2.1", "S_t for t = 2.5 on both sides and at the edges of the dead zone"),
        ("2.1", "t = 0 leaves z alone; a tiny t shrinks tiny values (relative)"),
        ("2.2", "b and w on 40 shifted rows, λ = 4"),
        ("2.3", "3-fold CV on new data, the grid in ascending order"),
        ("2.3", "10-fold CV on the same data"),
        ("2.4", "the collinear table at α = 0.1, 20 000 sweeps"),
        ("2.4", "features and target far from 0 (the intercept), α = 0.2"),
        ("2.4", "above α_max every weight is 0 and b is the mean of y"),
    ];

    public static TheoryData<string> Lessons() => new() { "01-logistic-regression.dib", "02-regularization.dib" };

    private static string PathOf(string name) => Path.Combine(TestPaths.Notebooks, name);

    [GeneratedRegex(@"^// HIDDEN TESTS (?<id>\d+\.\d+) points=(?<points>\d+)(?: forbid=(?<forbid>\S+))?$")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"HiddenTest\.Part\(""(?<id>[^""]+)"", (?<points>\d+), ""(?<what>[^""]+)""")]
    private static partial Regex PartCall();

    [GeneratedRegex(@"(?s)// BEGIN SOLUTION.*?// END SOLUTION")]
    private static partial Regex SolutionBlock();

    [Theory]
    [MemberData(nameof(Lessons))]
    public void Every_exercise_has_one_hidden_test_cell_after_its_check_with_points_that_add_up(string name)
    {
        var lesson = NotebookFile.Load(PathOf(name));
        var code = lesson.Cells.Where(c => c.Kind == CellKind.Code).ToList();
        var ids = StudentVersion.ExerciseIds(lesson).Distinct().ToList();
        Assert.NotEmpty(ids);
        foreach (var id in ids)
        {
            var hidden = code.Where(c => c.Source.StartsWith(HiddenTest.Marker + " " + id + " ", StringComparison.Ordinal)).ToList();
            var cell = Assert.Single(hidden);
            var header = HeaderLine().Match(cell.Source.Split('\n')[0]);
            Assert.True(header.Success, $"{id}: header line '{cell.Source.Split('\n')[0]}'");
            var parts = PartCall().Matches(cell.Source).ToList();
            Assert.NotEmpty(parts);
            Assert.All(parts, p => Assert.Equal(id, p.Groups["id"].Value));
            Assert.Equal(int.Parse(header.Groups["points"].Value), parts.Sum(p => int.Parse(p.Groups["points"].Value)));
            // Right after the exercise's visible check cell, which checks the same id.
            var before = code[code.IndexOf(cell) - 1].Source;
            Assert.Matches($@"\bExercise\.Check\w*\(""{Regex.Escape(id)}""", before);
            Assert.DoesNotContain(HiddenTest.Marker, before);
            // Library names written with global::, so a student's own class cannot stand in for them.
            Assert.DoesNotMatch(@"(?<!global::)(?<![\w.])(ClassicML|HiddenTest\.|Exercise\.Check|Tolerance\.)", string.Join('\n', cell.Source.Split('\n').Skip(1).Select(StripComment)));
            foreach (var member in header.Groups["forbid"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries))
                Assert.Matches(@"^ClassicML(\.[A-Z]\w*)+$", member);
        }
        // No check cell of these lessons gives a hint away: hints live in Hints/LessonNN.cs.
        Assert.All(code, c => Assert.DoesNotContain("hint:", c.Source));
        Assert.All(ids, id => Assert.False(string.IsNullOrWhiteSpace(ExerciseHints.For(id)), $"exercise {id} has no hint"));
    }

    private static string StripComment(string line)
    {
        var at = line.IndexOf("//", StringComparison.Ordinal);
        return at < 0 ? line : line[..at];
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public void Hidden_tests_give_no_points_to_plausible_wrong_answers(string name)
    {
        var (wrong, mustFail) = name.StartsWith("01", StringComparison.Ordinal)
            ? (Lesson01WrongAnswers, Lesson01MustFail)
            : (Lesson02WrongAnswers, Lesson02MustFail);
        var lesson = NotebookFile.Load(PathOf(name)).CloneWithoutOutputs();
        var replaced = new HashSet<string>();
        foreach (var cell in lesson.Cells.Where(c => c.Kind == CellKind.Code))
        {
            cell.Source = SolutionBlock().Replace(cell.Source, m =>
            {
                // The function the block belongs to: the last of the known names declared before it in the cell.
                var before = cell.Source[..m.Index];
                var function = wrong.Keys.Where(k => before.Contains(" " + k + "(", StringComparison.Ordinal))
                    .OrderBy(k => before.LastIndexOf(" " + k + "(", StringComparison.Ordinal)).LastOrDefault();
                Assert.True(function is not null, $"{name}: a solution block with no wrong answer in this test:\n{m.Value}");
                replaced.Add(function);
                return wrong[function];
            });
        }
        Assert.Equal(wrong.Keys.Order(), replaced.Order());

        // Count only this run's parts (the kernel is in-process, and HiddenTest.Results is per process).
        var setup = lesson.Cells.FindIndex(c => c.Kind == CellKind.Code);
        lesson.Cells.Insert(setup + 1, Cell.Code("var hiddenStartForTest = global::ClassicML.Exercises.HiddenTest.Results.Count;"));
        lesson.Cells.Add(Cell.Code("""
            foreach (var part in global::ClassicML.Exercises.HiddenTest.Results.Skip(hiddenStartForTest))
                Console.WriteLine($"PART\t{part.Id}\t{part.What}\t{part.Points}\t{part.MaxPoints}");
            """));
        var result = NotebookRunner.Run(lesson, PathOf(name), new RunOptions { StrictExercises = false });
        Assert.True(result.Succeeded, result.FirstError);

        var printed = string.Concat(result.Notebook.Cells[^1].Outputs.OfType<StreamOutput>().Select(s => s.Text));
        var parts = printed.Split('\n').Where(l => l.StartsWith("PART\t", StringComparison.Ordinal))
            .Select(l => l.Split('\t')).Select(f => (Id: f[1], What: f[2], Points: int.Parse(f[3]), Max: int.Parse(f[4]))).ToList();
        Assert.NotEmpty(parts);
        foreach (var exercise in parts.GroupBy(p => p.Id))
            log.WriteLine($"{exercise.Key}: {exercise.Sum(p => p.Points)}/{exercise.Sum(p => p.Max)} for the wrong answer ("
                          + string.Join("; ", exercise.Select(p => $"{p.What} {p.Points}/{p.Max}")) + ")");
        foreach (var (id, what) in mustFail)
        {
            var part = Assert.Single(parts, p => p.Id == id && p.What == what);
            Assert.True(part.Points == 0, $"{name}: hidden part '{what}' of exercise {id} gave {part.Points}/{part.Max} to a wrong answer.");
        }
        // And no exercise gets full marks for its wrong answer.
        foreach (var exercise in parts.GroupBy(p => p.Id))
            Assert.True(exercise.Sum(p => p.Points) < exercise.Sum(p => p.Max), $"{name}: exercise {exercise.Key} got full marks for a wrong answer.");
    }
}
