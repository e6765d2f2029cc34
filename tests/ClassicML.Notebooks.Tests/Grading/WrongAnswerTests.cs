using System.Text.RegularExpressions;
using ClassicML.Exercises;
using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Grading;
using Xunit.Abstractions;

namespace ClassicML.Notebooks.Tests.Grading;

/// <summary>
/// The teacher's hidden tests give no points to plausible wrong answers, graded the way <c>grade</c> grades a class.
/// Each <see cref="Case"/> is one mistake: the teacher's notebook with its hidden-test cells removed (as
/// <see cref="Grader.ValidateKey"/> and <c>assign</c> remove them) and one or more solution blocks of one exercise
/// replaced by a wrong answer. Cases on different exercises of a lesson share a submission; every submission of a
/// lesson is graded in one <see cref="Grader.GradeAll"/> call, after <see cref="Grader.ValidateKey"/> (which
/// <c>grade</c> runs first) proved that the teacher's own notebook scores full marks on the same path. Per exercise:
/// the hidden parts aimed at the mistake earn 0, the exercise earns less than its maximum (where a part the mistake
/// does not touch must keep its points, that exact number), and an exercise no case of the submission touched keeps
/// full points — so the points lost are the mistake's and nothing else's. Every lesson with hidden tests gets the key
/// check here (<see cref="TeacherKeyTests"/> keeps it for the grader's fixture lesson only), so each key runs once.
/// </summary>
[Collection("notebook runs")]
public partial class WrongAnswerTests(ITestOutputHelper log)
{
    /// <summary>A wrong answer to one solution block: the block of <paramref name="Function"/> (the first solution block after its declaration).</summary>
    /// <param name="Function">The function whose solution block is replaced.</param>
    /// <param name="Body">The wrong code that takes the place of the block's lines (null when <paramref name="Find"/> is used).</param>
    /// <param name="Find">A line of the teacher's solution that is changed (with the rest of the block kept).</param>
    /// <param name="Replace">What that line becomes.</param>
    public sealed record Wrong(string Function, string? Body = null, string? Find = null, string? Replace = null);

    /// <summary>One plausible mistake in exercise <paramref name="Exercise"/> and what it must earn.</summary>
    /// <param name="Name">What the student got wrong (for messages).</param>
    /// <param name="Exercise">The exercise the mistake is in; every wrong answer sits in one of its solution blocks.</param>
    /// <param name="Answers">The solution blocks replaced.</param>
    /// <param name="ZeroParts">The hidden parts aimed at the mistake: each earns 0.</param>
    /// <param name="KeptParts">Hidden parts the mistake does not touch, with the points each must still earn.</param>
    public sealed record Case(string Name, string Exercise, Wrong[] Answers, string[] ZeroParts, (string Part, int Points)[]? KeptParts = null);

    /// <summary>Per lesson, its submissions: each a set of cases on different exercises.</summary>
    private static readonly Dictionary<string, Case[][]> Table = new()
    {
        ["01-logistic-regression.dib"] =
        [
            [
                new("the naive σ(1 − σ): exactly 0 where σ(z) rounds to 1", "1.1",
                    [new("SigmoidPrime", "return Sigmoid.Value(z) * (1 - Sigmoid.Value(z));")],
                    ["σ′ far in the tails (σ rounds to 1, e^|z| overflows)"]),
                new("the visible check's answer typed in", "1.3",
                    [new("BoundaryLine", "return (-2.0 / 3, 5.0 / 1.2);")],
                    ["a boundary with w₁ < 0 < w₂ and a positive bias", "a boundary with w₂ < 0"]),
                new("the source's loss (ln ŷ, ln(1 − ŷ) taken literally) and a gradient not divided by the number of rows", "1.5",
                    [
                        new("MeanCrossEntropy", """
                            var p = (X * W + b).Map(Sigmoid.Value);
                            var total = 0.0;
                            for (var i = 0; i < p.Count; i++) total += -(y[i] * Math.Log(p[i]) + (1 - y[i]) * Math.Log(1 - p[i]));
                            return total / p.Count;
                            """),
                        new("TrainLogistic", """
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
                            """),
                    ],
                    ["the loss stays finite and exact when logits reach −1300", "W and b after 500 epochs at α = 0.3 on 300 points", "the loss history with three features"]),
            ],
            [
                new("the gradient summed instead of averaged over the rows", "1.2",
                    [new("CrossEntropyGradient", "var residual = (X * W + b).Map(Sigmoid.Value) - y;\nreturn (X.TransposeThisAndMultiply(residual), residual.Sum());")],
                    ["∂J/∂W on 40 rows and 3 features", "∂J/∂b on the same data"]),
                new("only the weights doubled, the bias left alone", "1.4",
                    [new("DoubledLoss", "return BinaryCrossEntropy.Loss(X, y, 2 * model.Weights, model.Bias);")],
                    ["J(2W, 2b) for parameters that do not separate the data", "J(2W, 2b) for the source's claimed parameters"]),
            ],
        ],
        ["02-regularization.dib"] =
        [
            [
                new("|z| shrunk but the sign forgotten", "2.1",
                    [new("SoftThreshold", "return Math.Max(Math.Abs(z) - t, 0);")],
                    ["S_t for t = 2.5 on both sides and at the edges of the dead zone", "t = 0 leaves z alone; a tiny t shrinks tiny values (relative)"]),
                new("issue 14's example: the library's answer for the check cell's data, read off the lesson's variable", "2.3",
                    [new("ChooseAlpha", "return cv.BestAlpha;")],
                    ["3-fold CV on new data, the grid in ascending order", "10-fold CV on the same data"]),
            ],
            [
                new("the intercept penalised with the weights (a column of ones, no centring)", "2.2",
                    [new("RidgeClosedForm", """
                        var a = Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount + 1, (i, j) => j == 0 ? 1.0 : x[i, j - 1]);
                        var theta = (a.TransposeThisAndMultiply(a) + lambda * Matrix<double>.Build.DenseIdentity(a.ColumnCount))
                            .Cholesky().Solve(a.TransposeThisAndMultiply(yv));
                        return (theta.SubVector(1, x.ColumnCount), theta[0]);
                        """)],
                    ["b and w on 40 shifted rows, λ = 4"]),
                new("coordinate descent on the raw data, with no intercept", "2.4",
                    [new("LassoCoordinateDescent", """
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
                        """)],
                    ["the collinear table at α = 0.1, 20 000 sweeps", "features and target far from 0 (the intercept), α = 0.2", "above α_max every weight is 0 and b is the mean of y"]),
            ],
        ],
        ["03-linear-regression.dib"] =
        [
            [
                new("the expanded sums Σxy − n·x̄·ȳ and Σx² − n·x̄² the lesson warns against", "3.1",
                    [new("SlopeFromDerivation", """
                        double n = x.Count, sx = 0, sy = 0, sxy = 0, sxx = 0;
                        for (var i = 0; i < x.Count; i++) { sx += x[i]; sy += y[i]; sxy += x[i] * y[i]; sxx += x[i] * x[i]; }
                        return (sxy - sx * sy / n) / (sxx - sx * sx / n);
                        """)],
                    ["a feature far from zero (centred sums)"],
                    [("points exactly on a line", 1)]),
                new("w1 updated from the already updated w0 (Gauss–Seidel, not gradient descent)", "3.3",
                    [new("DescendOneFeature", """
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
                        """)],
                    ["the first three steps, one by one"]),
            ],
            [
                new("the normal equation without the ones column: no intercept", "3.2",
                    [new("SolveNormalEquation", """
                        var gram = features.TransposeThisAndMultiply(features);
                        return gram.Cholesky().Solve(features.TransposeThisAndMultiply(target));
                        """)],
                    ["40 noisy rows with a large intercept", "an exact fit recovers its coefficients"]),
                new("Xᵀr over the feature columns only, the ones column forgotten", "3.4",
                    [new("Diagnose", """
                        var design = Matrix<double>.Build.Dense(features.RowCount, 1, 1.0).Append(features);
                        var r = target - design * w;
                        var mean = target.Average();
                        var rss = r.DotProduct(r);
                        return (r, rss, 1 - rss / target.Sum(v => (v - mean) * (v - mean)), features.TransposeThisAndMultiply(r));
                        """)],
                    ["Xᵀr for every column of X, the ones column included"],
                    [("residuals and RSS at a coefficient vector that is not optimal", 1)]),
            ],
        ],
        ["04-exercise-7.1-perceptron-vs-svm.dib"] =
        [
            [
                new("a mistake only when the margin is negative (< 0, not ≤ 0): from w = 0, b = 0 nothing updates", "4.1",
                    [new("MyPerceptron", """
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
                        """)],
                    ["the update sequence on 20 other points with η = 0.5", "w and b in three dimensions"]),
                new("the factor 2 of w·(x₊ − x₋) = 2 forgotten", "4.3",
                    [new("MaxMarginFromSupportVectors", """
                        var d = xPlus - xMinus;
                        var w = d / d.DotProduct(d);
                        return (w, 1.0 - w.DotProduct(xPlus));
                        """)],
                    ["a pair far from the origin", "a pair in three dimensions"]),
                new("every order's hyperplane, duplicates kept", "4.5",
                    [new("DistinctPerceptronSolutions", """
                        return AllOrders(x.RowCount)
                            .Select(o => new Perceptron(order: o, recordHistory: false).Fit(x, labels))
                            .Select(m => (m.W[0], m.W[1], m.B)).ToList();
                        """)],
                    ["how many distinct hyperplanes on four points"]),
            ],
            [
                new("the perceptron's < 0 slip in the dual form", "4.2",
                    [new("MyPerceptronDual", """
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
                        """)],
                    ["α and b on 30 other points in three dimensions", "the learning rate scales α and b"]),
                new("the source's erratum: the support vector's label y_j inside the sum for w*", "4.4",
                    [new("RecoverPrimal", """
                        int j = Enumerable.Range(0, alpha.Count).First(k => alpha[k] > 0);
                        var w = Vector<double>.Build.Dense(x.ColumnCount);
                        for (int i = 0; i < x.RowCount; i++) w += alpha[i] * labels[j] * x.Row(i);
                        double sum = 0;
                        for (int i = 0; i < x.RowCount; i++) sum += alpha[i] * labels[i] * x.Row(i).DotProduct(x.Row(j));
                        return (w, labels[j] - sum);
                        """)],
                    ["w* and b* from α* on 8 points"],
                    [("the dual objective at an arbitrary α on 8 points", 1)]), // MyDualObjective's block is left right
                new("the first positive and first negative point as the support vectors (right for the book's three points)", "4.6",
                    [new("HardMarginByKkt", """
                        int p = Enumerable.Range(0, x.RowCount).First(i => labels[i] > 0);
                        int m = Enumerable.Range(0, x.RowCount).First(i => labels[i] < 0);
                        var d = x.Row(p) - x.Row(m);
                        var a = 2.0 / d.DotProduct(d);
                        var alpha = Vector<double>.Build.Dense(x.RowCount);
                        alpha[p] = a;
                        alpha[m] = a;
                        return (alpha, 1.0 - a * (x.Row(p) - x.Row(m)).DotProduct(x.Row(p)));
                        """)],
                    ["three support vectors: no pair of points is the answer", "α* and b* on seven other points, as the library's dual solve"]),
            ],
        ],
        // Two mistakes in the same M-step line, so two submissions; the E-step and the other updates stay right.
        ["05-gaussian-mixture-em.dib"] =
        [
            [
                new("the scatter divided by N instead of N_k", "5.4",
                    [new("EmIteration", Find: "covariances[j] = sigma / nk + lambda * Matrix<double>.Build.DenseIdentity(d);",
                        Replace: "covariances[j] = sigma / n + lambda * Matrix<double>.Build.DenseIdentity(d);")],
                    ["covariances Σ_k: γ-weighted scatter about the new means over N_k, plus λI"]),
            ],
            [
                new("the responsibilities' weights dropped from the scatter", "5.4",
                    [new("EmIteration", Find: "sigma += gamma[i] * diff.OuterProduct(diff);", Replace: "sigma += diff.OuterProduct(diff);")],
                    ["covariances Σ_k: γ-weighted scatter about the new means over N_k, plus λI"]),
            ],
        ],
    };

    /// <summary>Every lesson in notebooks/ with hidden-test cells (one with no case in <see cref="Table"/> gets the key check only).</summary>
    public static TheoryData<string> Lessons()
    {
        var data = new TheoryData<string>();
        foreach (var dib in Directory.GetFiles(TestPaths.Notebooks, "*.dib").Order(StringComparer.Ordinal))
            if (File.ReadAllText(dib).Contains(HiddenTestCell.Marker, StringComparison.Ordinal)) data.Add(Path.GetFileName(dib));
        return data;
    }

    [Fact]
    public void Every_case_is_for_a_lesson_with_hidden_tests()
    {
        var lessons = ((IEnumerable<object[]>)Lessons()).Select(row => (string)row[0]).ToList();
        Assert.All(Table.Keys, name => Assert.Contains(name, lessons));
    }

    [GeneratedRegex(@"^// HIDDEN TESTS (?<id>\d+\.\d+) points=(?<points>\d+)(?: forbid=(?<forbid>\S+))?$")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"HiddenTest\.Part\(""(?<id>[^""]+)"", (?<points>\d+), ""(?<what>[^""]+)""")]
    private static partial Regex PartCall();

    /// <summary>
    /// How the lessons lay their hidden tests out (what <see cref="Grader.ValidateKey"/> does not check): one hidden-test
    /// cell per exercise, right after the exercise's visible check cell, its library names written with <c>global::</c>
    /// so a student's own class cannot stand in for them, its forbid= entries library names; and every exercise has a hint
    /// in <see cref="ExerciseHints"/> rather than in its check cell.
    /// </summary>
    [Theory]
    [MemberData(nameof(Lessons))]
    public void Every_exercise_has_one_hidden_test_cell_right_after_its_check(string name)
    {
        var lesson = NotebookFile.Load(Path.Combine(TestPaths.Notebooks, name));
        var code = lesson.Cells.Where(c => c.Kind == CellKind.Code).ToList();
        var ids = StudentVersion.ExerciseIds(lesson).Distinct().ToList();
        Assert.NotEmpty(ids);
        foreach (var id in ids)
        {
            var cell = Assert.Single(code, c => c.Source.StartsWith(HiddenTest.Marker + " " + id + " ", StringComparison.Ordinal));
            var header = HeaderLine().Match(cell.Source.Split('\n')[0]);
            Assert.True(header.Success, $"{id}: header line '{cell.Source.Split('\n')[0]}'");
            var parts = PartCall().Matches(cell.Source).ToList();
            Assert.NotEmpty(parts);
            Assert.All(parts, p => Assert.Equal(id, p.Groups["id"].Value));
            var before = code[code.IndexOf(cell) - 1].Source;
            Assert.Matches($@"\bExercise\.Check\w*\(""{Regex.Escape(id)}""", before);
            Assert.DoesNotContain(HiddenTest.Marker, before);
            Assert.DoesNotMatch(@"(?<!global::)(?<![\w.])(ClassicML|HiddenTest\.|Exercise\.Check|Tolerance\.)",
                string.Join('\n', cell.Source.Split('\n').Skip(1).Select(StripComment)));
            foreach (var member in header.Groups["forbid"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries))
                Assert.Matches(@"^(ClassicML|MathNet\.Numerics)(\.[A-Z]\w*)+$", member);
        }
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
        var lesson = GradingLesson.Load(Path.Combine(TestPaths.Notebooks, name));
        var submissions = Table.GetValueOrDefault(name, []);
        var options = new GradeOptions { Jobs = 2 };

        // What grade does first: the teacher's own solutions, through the same worker, score full marks (ValidateKey also
        // throws unless every hidden cell's parts carry its id and add up to its points=).
        var key = Grader.ValidateKey(lesson, options);
        log.WriteLine($"{name} · the teacher's key: {key.Points}/{key.Max} in {key.Elapsed.TotalSeconds:0.0} s");
        Assert.Null(key.Error);
        Assert.Equal(lesson.MaxPoints, key.Points);
        Assert.All(key.Exercises, e => Assert.Equal(ExerciseStatus.Passed, e.Status));
        Assert.All(lesson.HiddenTests, h => Assert.Equal(h.Points, key.Exercises.Single(e => e.Id == h.ExerciseId).Parts.Sum(p => p.Max)));
        // The teacher's solutions use no member their exercise forbids and nothing that attacks grading.
        Assert.Empty(key.Findings);
        if (submissions.Length == 0) return;

        using var folder = new TestPaths.TempFolder();
        var answered = new List<HashSet<int>>(); // per submission, the numbers of the cells that hold a wrong answer
        for (var s = 0; s < submissions.Length; s++)
        {
            var cases = submissions[s];
            Assert.True(cases.Select(c => c.Exercise).Distinct().Count() == cases.Length, $"{name}: submission {s + 1} has two cases on one exercise; its scores would not be per-case.");
            Assert.All(cases, c => Assert.Contains(c.Exercise, lesson.HiddenTests.Select(h => h.ExerciseId)));
            var notebook = lesson.Teacher.CloneWithoutOutputs();
            notebook.Cells.RemoveAll(HiddenTestCell.IsHiddenTestCell);
            answered.Add(cases.SelectMany(c => c.Answers).Select(wrong => ReplaceSolution(notebook, wrong, name)).ToHashSet());
            var path = folder[$"wrong-{s + 1}.dib"];
            NotebookFile.Save(notebook, path);
        }
        // As grade finds them in the submissions folder (one notebook per student), graded in one call.
        var found = Grader.FindSubmissions(folder.Path, lesson.Name);
        Assert.Equal(submissions.Length, found.Count);
        var graded = Grader.GradeAll(found, lesson, options);
        var grades = Enumerable.Range(1, submissions.Length).Select(k => graded.Single(g => g.Student == $"wrong-{k}")).ToList();

        var failures = new List<string>();
        for (var s = 0; s < submissions.Length; s++)
        {
            var grade = grades[s];
            Assert.True(grade.Error is null, $"{name}: submission {s + 1} was not graded: {grade.Error}");
            log.WriteLine($"{name} · submission {s + 1}: {grade.Points}/{grade.Max} in {grade.Elapsed.TotalSeconds:0.0} s");
            // The wrong answers compiled and their cells ran: the zeros below are the hidden tests' verdicts on working code,
            // not the fallout of a wrong answer that does not compile. (A later lesson cell may fail on a wrong answer, as
            // lesson 05's timing loop does when an unweighted scatter empties a component; grade reports it, and so does this.)
            foreach (var p in grade.CellProblems) log.WriteLine($"{name} · submission {s + 1} · cell {p.Cell} failed: {p.Message}");
            Assert.True(!grade.CellProblems.Any(p => answered[s].Contains(p.Cell)),
                $"{name}: submission {s + 1}: a cell with a wrong answer failed: " + string.Join("; ", grade.CellProblems.Where(p => answered[s].Contains(p.Cell)).Select(p => $"cell {p.Cell}: {p.Message}")));
            foreach (var e in grade.Exercises)
            {
                log.WriteLine($"{name} · submission {s + 1} · {e.Id}: {e.Points}/{e.Max} {e.Status} ("
                              + string.Join("; ", e.Parts.Select(p => $"{p.What} {p.Points}/{p.Max}")) + ")");
                var c = submissions[s].SingleOrDefault(x => x.Exercise == e.Id);
                if (c is null)
                {
                    // Untouched by this submission's mistakes: full points, so the points lost elsewhere are the mistakes' own.
                    if (e.Points != e.Max || e.Status != ExerciseStatus.Passed)
                        failures.Add($"{e.Id} (no mistake in submission {s + 1}) scored {e.Points}/{e.Max} {e.Status}: {e.Message}");
                    continue;
                }
                if (e.Points >= e.Max)
                    failures.Add($"{e.Id} · {c.Name}: full marks {e.Points}/{e.Max} for a wrong answer.");
                foreach (var what in c.ZeroParts)
                    Expect(e, c, what, 0);
                foreach (var (what, points) in c.KeptParts ?? [])
                    Expect(e, c, what, points);
            }
        }
        Assert.True(failures.Count == 0, $"{name}:\n" + string.Join("\n", failures));

        void Expect(ExerciseGrade e, Case c, string what, int points)
        {
            var part = e.Parts.SingleOrDefault(p => p.What == what);
            if (part is null)
                failures.Add($"{e.Id} · {c.Name}: no hidden part '{what}' was graded ({e.Status}: {e.Message}); graded: {string.Join("; ", e.Parts.Select(p => p.What))}");
            else if (part.Points != points)
                failures.Add($"{e.Id} · {c.Name}: '{what}' earned {part.Points}/{part.Max}, expected {points}.");
        }
    }

    /// <summary>
    /// Replaces the solution block of <see cref="Wrong.Function"/>: the lines between the first <c>// BEGIN SOLUTION</c>
    /// after the function's declaration and its <c>// END SOLUTION</c> (the markers stay, as a student's copy of the
    /// teacher's cell would look with the answer written in).
    /// </summary>
    /// <returns>The 1-based number of the cell changed, as the grader numbers the submission's cells.</returns>
    private static int ReplaceSolution(Notebook notebook, Wrong wrong, string name)
    {
        var declaration = new Regex($@"[\s)>]{Regex.Escape(wrong.Function)}\(");
        var cell = Assert.Single(notebook.Cells, c => c.Kind == CellKind.Code && c.Source.Contains(StudentVersion.BeginMarker, StringComparison.Ordinal)
                                                     && declaration.Match(c.Source) is { Success: true } m
                                                     && c.Source.IndexOf(StudentVersion.BeginMarker, m.Index, StringComparison.Ordinal) >= 0);
        var source = cell.Source;
        var at = declaration.Match(source).Index;
        var begin = source.IndexOf(StudentVersion.BeginMarker, at, StringComparison.Ordinal);
        var contentStart = source.IndexOf('\n', begin) + 1;
        var end = source.IndexOf(StudentVersion.EndMarker, contentStart, StringComparison.Ordinal);
        Assert.True(contentStart > 0 && end > contentStart, $"{name}: no solution block in {wrong.Function}");
        var endLineStart = source.LastIndexOf('\n', end) + 1;
        var block = source[contentStart..endLineStart];
        string replaced;
        if (wrong.Body is { } body)
        {
            replaced = body.TrimEnd() + "\n";
        }
        else
        {
            Assert.True(wrong.Find is not null && wrong.Replace is not null, $"{name}: the wrong answer to {wrong.Function} names no body and no edit.");
            Assert.True(block.Contains(wrong.Find, StringComparison.Ordinal), $"{name}: the solution of {wrong.Function} has no line '{wrong.Find}'.");
            replaced = block.Replace(wrong.Find, wrong.Replace, StringComparison.Ordinal);
        }
        Assert.NotEqual(block, replaced);
        cell.Source = source[..contentStart] + replaced + source[endLineStart..];
        return notebook.Cells.IndexOf(cell) + 1;
    }
}
