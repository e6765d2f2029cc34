using System.Text.RegularExpressions;
using ClassicML.Notebooks.Documents;
using ClassicML.Notebooks.Execution;

namespace ClassicML.Notebooks.Tests;

/// <summary>
/// Lesson 05's hidden tests of exercise 5.4 (one full EM iteration) reject plausible wrong answers: the lesson's own
/// solution block is replaced by a wrong M-step and the teacher's hidden-test cell is run after it. Cheap: one kernel
/// runs only the setup cell, the solution cell and the hidden-test cell (twice, wrong then right).
/// </summary>
[Collection("notebook runs")]
public class Lesson05HiddenTestTests
{
    private static string LessonPath => Path.Combine(TestPaths.Notebooks, "05-gaussian-mixture-em.dib");

    [Fact]
    public void A_wrong_covariance_update_earns_no_covariance_points_and_the_right_one_earns_all()
    {
        var lesson = NotebookFile.Load(LessonPath);
        var code = lesson.Cells.Where(c => c.Kind == CellKind.Code).ToList();
        var setup = code.First(c => c.Source.Contains("#r \"../artifacts/bin/ClassicML", StringComparison.Ordinal));
        var solution = Assert.Single(code, c => c.Source.Contains("MixtureParameters EmIteration(", StringComparison.Ordinal) && c.Source.Contains("BEGIN SOLUTION", StringComparison.Ordinal));
        var hidden = Assert.Single(code, c => c.Source.StartsWith("// HIDDEN TESTS 5.4 ", StringComparison.Ordinal));

        // Two covariance updates a student might plausibly write (the E-step and the other updates stay right).
        const string overNk = "covariances[j] = sigma / nk + lambda * Matrix<double>.Build.DenseIdentity(d);";
        const string weighted = "sigma += gamma[i] * diff.OuterProduct(diff);";
        Assert.Contains(overNk, solution.Source);
        Assert.Contains(weighted, solution.Source);
        var wrongAnswers = new[]
        {
            ("divides the scatter by N instead of N_k", solution.Source.Replace(overNk, overNk.Replace("sigma / nk", "sigma / n", StringComparison.Ordinal), StringComparison.Ordinal)),
            ("drops the responsibilities' weights from the scatter", solution.Source.Replace(weighted, "sigma += diff.OuterProduct(diff);", StringComparison.Ordinal)),
        };
        var results = Cell.Code("""
            foreach (var part in global::ClassicML.Exercises.HiddenTest.Results.Skip(partsBefore).Where(p => p.Id == "5.4"))
                Console.WriteLine($"{part.Points}/{part.MaxPoints} {part.What}");
            """);
        // Results are per process, and the in-process kernel may have graded other runs before: count from here.
        var cells = new List<Cell> { Cell.Code(setup.Source), Cell.Code("var partsBefore = global::ClassicML.Exercises.HiddenTest.Results.Count;") };
        foreach (var (_, source) in wrongAnswers) cells.AddRange([Cell.Code(source), Cell.Code(hidden.Source)]);
        cells.AddRange([Cell.Code(solution.Source), Cell.Code(hidden.Source), results]);
        var run = NotebookRunner.Run(new Notebook(cells), LessonPath); // not strict: failed parts score 0, they do not throw
        Assert.True(run.Succeeded, run.FirstError);

        var parts = run.Notebook.Cells[^1].Outputs.OfType<StreamOutput>()
            .SelectMany(o => o.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Select(l => Regex.Match(l, @"^(\d+)/(\d+) (.*)$"))
            .Select(m => (Earned: int.Parse(m.Groups[1].Value), Max: int.Parse(m.Groups[2].Value), What: m.Groups[3].Value))
            .ToList();
        Assert.Equal(3 * (wrongAnswers.Length + 1), parts.Count);
        for (int w = 0; w < wrongAnswers.Length; w++)
        {
            var graded = parts.Skip(3 * w).Take(3).ToList();
            var covariance = graded.Single(p => p.What.StartsWith("covariances", StringComparison.Ordinal));
            Assert.True(covariance.Earned == 0, $"a solution that {wrongAnswers[w].Item1} earned {covariance.Earned}/{covariance.Max} for the covariances");
            Assert.True(graded.Sum(p => p.Earned) < graded.Sum(p => p.Max));
        }
        // The lesson's own solution earns all 4 points, so the zeros above are the wrong answers', not the test's.
        var right = parts.Skip(3 * wrongAnswers.Length).ToList();
        Assert.Equal(4, right.Sum(p => p.Max));
        Assert.Equal(4, right.Sum(p => p.Earned));
    }
}
