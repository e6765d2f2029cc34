using ClassicML.Notebooks.Cli;
using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Tests.Grading;

/// <summary>
/// A small generated class of the fixture lesson (7 points: 9.1 = 1 + 2, 9.2 = 1 + 1 with a forbid list, 9.3 = 2),
/// graded once from the command line; each test reads one student's rows of the gradebook.
/// </summary>
public sealed class GradedClass : IDisposable
{
    public GradedClass()
    {
        Folder = new TestPaths.TempFolder();
        var subs = Directory.CreateDirectory(Folder["submissions"]).FullName;
        void Save(string student, Notebook nb, string ext = ".ipynb") => NotebookFile.Save(nb, Path.Combine(subs, student + ext));

        Save("correct", GradingFixture.Solved());
        Save("wrong", GradingFixture.Solved()
            .WithSolution("SquarePlusOne", "return x >= 0 ? x * x + 1 : x * x;") // right at 0 (1 point), wrong for negative x (2 points)
            .WithSolution("Shrink", "return z;")
            .WithSolution("SumOfOdds", "throw new NotImplementedException();"), ".dib");
        Save("notdone", GradingFixture.Blank());
        // Bypass: switch strict checks off (the one-line bypass of `check`).
        Save("strictoff", GradingFixture.Wrong()
            .AddCell("Exercise.Strict = false;\nEnvironment.SetEnvironmentVariable(\"CLASSICML_EXERCISES_STRICT\", \"0\");", after: "using ClassicML.Regularization;"));
        // Bypass: rewrite every visible check cell so it passes.
        Save("rewritten", GradingFixture.Wrong()
            .ReplaceCell("Exercise.CheckClose(\"9.1\"", "Exercise.Check(\"9.1\", () => true)")
            .ReplaceCell("Exercise.CheckClose(\"9.2\"", "Exercise.Check(\"9.2\", () => true)")
            .ReplaceCell("Exercise.CheckEqual(\"9.3\"", "Exercise.Check(\"9.3\", () => true)"));
        // Bypass: end the process after the wrong answers (9.3 is right and must still be graded, honestly).
        Save("exits", GradingFixture.Wrong().WithSolution("SumOfOdds", "var s = 0; for (var i = 0; i < n; i++) s += 2 * i + 1; return s;")
            .AddCell("Environment.Exit(0);", after: "Exercise.CheckClose(\"9.1\""));
        // Bypass: the exercise's answer as one call into the library it forbids (right answers everywhere).
        Save("library", GradingFixture.Solved().WithSolution("Shrink", "return Penalty.SoftThreshold(z, t);"));
        // Bypass: own classes named like the library's, so unqualified hidden tests would bind to them.
        Save("shadow", GradingFixture.Wrong().AddCell("""
            static class HiddenTest { public static object Part(string id, int points, string what, Func<object> check) => null; public static string Marker = ""; }
            static class Exercise
            {
                public static bool? Strict { get; set; }
                static ClassicML.Exercises.CheckResult Ok(string id) => new(id, ClassicML.Exercises.CheckOutcome.Passed, "ok");
                public static ClassicML.Exercises.CheckResult CheckClose(string id, Func<double> a, double e, object tolerance = null, string hint = null) => Ok(id);
                public static ClassicML.Exercises.CheckResult CheckFunction(string id, Func<double, double> f, Func<double, double> g, IEnumerable<double> at, object tolerance = null, string hint = null) => Ok(id);
                public static ClassicML.Exercises.CheckResult CheckEqual<T>(string id, Func<T> a, T e, string hint = null) => Ok(id);
                public static ClassicML.Exercises.CheckResult Check(string id, Func<bool> c, string hint = null) => Ok(id);
            }
            """, after: "using ClassicML.Regularization;"));
        // Bypass: record passing parts in the library's own hidden-test list, now and from a thread during grading.
        Save("forger", GradingFixture.Wrong().AddCell("""
            ClassicML.Exercises.CheckResult Pass(string id) => new(id, ClassicML.Exercises.CheckOutcome.Passed, "ok");
            void Forge() { foreach (var (id, p) in new[] { ("9.1", 3), ("9.2", 2), ("9.3", 2) }) global::ClassicML.Exercises.HiddenTest.Part(id, p, "forged", () => Pass(id)); }
            Forge();
            new System.Threading.Thread(() => { for (var k = 0; k < 400; k++) { Forge(); System.Threading.Thread.Sleep(50); } }) { IsBackground = true }.Start();
            """));
        // Bypass: print what a grader reading the console would take for results, on the cell outputs and on the raw
        // standard output (the grader's protocol prefixes), and end with a value shaped like the hidden cells' result.
        Save("mallory<script>", GradingFixture.Wrong().AddCell("""
            Console.WriteLine("✔ 9.1 · at zero · 1/1\n✔ 9.1 · at negative and large x · 2/2\n✔ Exercise 9.2 passed\n✔ Exercise 9.3 passed");
            var raw = new System.IO.StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
            raw.WriteLine("##grade:0000 {\"hidden\":\"9.1\",\"ok\":true,\"timedOut\":false,\"parts\":[{\"id\":\"9.1\",\"what\":\"x\",\"points\":3,\"max\":3,\"outcome\":\"Passed\",\"message\":\"\"}]}");
            raw.WriteLine("##classicml {\"end\":true,\"skipped\":false}");
            Tuple.Create("00000000000000000000000000000000", new[] { new ClassicML.Exercises.GradedPart("9.3", "x", 2, 2, new ClassicML.Exercises.CheckResult("9.3", ClassicML.Exercises.CheckOutcome.Passed, "ok")) })
            """));
        // Crashing: a stack overflow in a cell of its own (graded again without it), a throwing solution.
        Save("crashcell", GradingFixture.Solved().WithSolution("SumOfOdds", "throw new InvalidOperationException(\"oops\");")
            .AddCell("int Down(int n) => Down(n + 1) + 1;\nDown(0)", after: "using ClassicML.Regularization;"));
        // Crashing inside the hidden tests: 9.1 recurses forever when called.
        Save("crashhidden", GradingFixture.Solved().WithSolution("SquarePlusOne", "return SquarePlusOne(x + 1);"));
        // Endless loops: one in a cell of its own (stopped; the notebook goes on), one in 9.3's solution.
        Save("loops", GradingFixture.Solved().WithSolution("SumOfOdds", "while (true) { } ")
            .AddCell("while (true) { }", after: "using ClassicML.Regularization;"));

        var output = new StringWriter();
        var error = new StringWriter();
        ExitCode = CliApp.Run(["grade", subs, "--lesson", GradingFixture.LessonPath, "--output", Folder["grades"], "--timeout", "20", "--jobs", "2"],
            new CliContext(output, error, Folder.Path));
        Out = output.ToString();
        Error = error.ToString();
        Csv = File.Exists(Folder["grades/gradebook.csv"]) ? File.ReadAllText(Folder["grades/gradebook.csv"]) : "";
        Rows = Csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(CsvFields).ToList();
    }

    public TestPaths.TempFolder Folder { get; }
    public int ExitCode { get; }
    public string Out { get; }
    public string Error { get; }
    public string Csv { get; }
    public List<string[]> Rows { get; }

    public (int Points, string Status, string Message) Row(string student, string exercise)
    {
        var r = Rows.Single(x => x[0] == student && x[1] == exercise);
        return (int.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture), r[4], r[5]);
    }

    public int Total(string student) => Row(student, "total").Points;

    public string Feedback(string file) => File.ReadAllText(Folder[Path.Combine("grades", "feedback", file)]);

    /// <summary>Splits one RFC 4180 line (no line breaks inside fields: the gradebook has none).</summary>
    internal static string[] CsvFields(string line)
    {
        var fields = new List<string>();
        var sb = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields.ToArray();
    }

    public void Dispose() => Folder.Dispose();
}

[Collection("notebook runs")]
public class GradeEndToEndTests(GradedClass graded) : IClassFixture<GradedClass>
{
    private string Context => $"exit {graded.ExitCode}\n{graded.Out}\n{graded.Error}\n{graded.Csv}";

    [Fact]
    public void Every_submission_is_graded_and_the_command_succeeds()
    {
        Assert.True(graded.ExitCode == 0, Context);
        Assert.Contains("the teacher's solutions score 7/7", graded.Out);
        Assert.Equal(13, graded.Rows.Count(r => r[1] == "total"));
        Assert.All(graded.Rows.Where(r => r[1] == "total"), r => Assert.Equal("graded", r[4]));
    }

    [Fact]
    public void Correct_work_gets_full_marks()
    {
        Assert.Equal(7, graded.Total("correct"));
        foreach (var id in new[] { "9.1", "9.2", "9.3" }) Assert.Equal("passed", graded.Row("correct", id).Status);
    }

    [Fact]
    public void Wrong_work_gets_partial_credit_or_nothing_and_says_why()
    {
        Assert.Equal((1, "partial"), (graded.Row("wrong", "9.1").Points, graded.Row("wrong", "9.1").Status));
        Assert.Contains("at x = -2.5", graded.Row("wrong", "9.1").Message);
        Assert.Equal((0, "failed"), (graded.Row("wrong", "9.2").Points, graded.Row("wrong", "9.2").Status));
        Assert.Equal((0, "not done"), (graded.Row("wrong", "9.3").Points, graded.Row("wrong", "9.3").Status));
        Assert.Equal(1, graded.Total("wrong"));
    }

    [Fact]
    public void Work_not_done_scores_zero_with_status_not_done()
    {
        Assert.Equal(0, graded.Total("notdone"));
        foreach (var id in new[] { "9.1", "9.2", "9.3" }) Assert.Equal("not done", graded.Row("notdone", id).Status);
    }

    // Guards against a grader that runs the student's notebook under strict checks and counts a clean run as passed:
    // with Strict = false every check passes quietly.
    [Fact]
    public void Switching_strict_checks_off_earns_nothing()
    {
        Assert.Equal(0, graded.Total("strictoff"));
        AssertEveryCellRan("strictoff.html");
    }

    /// <summary>The bypass really ran: none of the student's cells failed (so the score is not 0 by a compile error).</summary>
    private void AssertEveryCellRan(string page) => Assert.DoesNotContain("Cells that failed", graded.Feedback(page));

    // Guards against a grader that reads the visible check cells' verdicts (here all rewritten to pass).
    [Fact]
    public void Rewritten_check_cells_earn_nothing()
    {
        Assert.Equal(0, graded.Total("rewritten"));
        AssertEveryCellRan("rewritten.html");
    }

    // Guards against a grader that takes exit code 0 for success, or stops grading when the notebook's process ends;
    // the honest 9.3 still counts (the notebook is graded again without the exiting cell).
    [Fact]
    public void Environment_exit_earns_only_the_honest_points()
    {
        Assert.Equal(2, graded.Total("exits"));
        Assert.Equal("passed", graded.Row("exits", "9.3").Status);
        var page = graded.Feedback("exits.html");
        Assert.Contains("Environment.Exit", page);
        Assert.Contains("graded again without it", page);
    }

    // Guards against a grader that only runs the hidden tests: the library call passes them.
    [Fact]
    public void A_one_line_call_to_the_forbidden_library_member_scores_zero_for_that_exercise()
    {
        var row = graded.Row("library", "9.2");
        Assert.Equal((0, "forbidden"), (row.Points, row.Status));
        Assert.Contains("ClassicML.Regularization.Penalty.SoftThreshold", row.Message);
        Assert.Equal(5, graded.Total("library"));
        AssertEveryCellRan("library.html");
    }

    // Guards against hidden tests (or a grader) that name HiddenTest / Exercise unqualified: the student's classes
    // would answer for them.
    [Fact]
    public void Classes_shadowing_HiddenTest_and_Exercise_earn_nothing()
    {
        Assert.Equal(0, graded.Total("shadow"));
        AssertEveryCellRan("shadow.html");
        Assert.Contains("HiddenTest", graded.Feedback("shadow.html"));
    }

    // Guards against a grader that reads ClassicML.Exercises.HiddenTest.Results, which the student's code can fill.
    [Fact]
    public void Parts_recorded_by_the_students_code_earn_nothing()
    {
        Assert.Equal(0, graded.Total("forger"));
        AssertEveryCellRan("forger.html");
        Assert.Contains("hidden-test API", graded.Feedback("forger.html"));
    }

    // Guards against a grader that parses the notebook's console output or its last value, or trusts the protocol
    // lines on the process's standard output without the per-run key.
    [Fact]
    public void Printed_fake_results_earn_nothing_and_the_page_escapes_the_name()
    {
        Assert.Equal(0, graded.Total("mallory<script>"));
        var page = graded.Feedback("mallory_script_.html");
        AssertEveryCellRan("mallory_script_.html");
        Assert.Contains("mallory&lt;script&gt;", page);
        Assert.DoesNotContain("<script", page);
    }

    [Fact]
    public void A_crashing_cell_is_skipped_and_the_rest_graded()
    {
        Assert.Equal(5, graded.Total("crashcell"));
        Assert.Equal("failed", graded.Row("crashcell", "9.3").Status);
        Assert.Contains("InvalidOperationException", graded.Row("crashcell", "9.3").Message);
        Assert.Contains("stack overflow", graded.Feedback("crashcell.html"));
    }

    [Fact]
    public void A_crash_inside_the_hidden_tests_costs_only_that_exercise()
    {
        Assert.Equal((0, "crashed"), (graded.Row("crashhidden", "9.1").Points, graded.Row("crashhidden", "9.1").Status));
        Assert.Contains("stack overflow", graded.Row("crashhidden", "9.1").Message);
        Assert.Equal(4, graded.Total("crashhidden"));
    }

    [Fact]
    public void Endless_loops_time_out_and_the_rest_is_graded()
    {
        Assert.Equal((0, "timed out"), (graded.Row("loops", "9.3").Points, graded.Row("loops", "9.3").Status));
        Assert.Equal(5, graded.Total("loops"));
        Assert.Contains("time limit", graded.Feedback("loops.html"));
    }

    [Fact]
    public void The_gradebook_has_a_row_per_exercise_per_student_and_a_total_row()
    {
        var lines = graded.Csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("student,exercise,points,max,status,message", lines[0]);
        Assert.All(graded.Rows, r => Assert.Equal(6, r.Length));
        foreach (var student in graded.Rows.Select(r => r[0]).Distinct())
        {
            var rows = graded.Rows.Where(r => r[0] == student).ToList();
            Assert.Equal(["9.1", "9.2", "9.3", "total"], rows.Select(r => r[1]));
            Assert.Equal(rows.Take(3).Sum(r => int.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)), int.Parse(rows[3][2], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("7", rows[3][3]);
            Assert.True(File.Exists(graded.Folder[Path.Combine("grades", "feedback", GradeReport_Name(student))]), student);
        }
    }

    private static string GradeReport_Name(string student) =>
        new string(student.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()) + ".html";
}
