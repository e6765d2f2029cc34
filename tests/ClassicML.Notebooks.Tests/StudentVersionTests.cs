using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Tests;

public class StudentVersionTests
{
    private static Notebook Lesson(params string[] code) => new(code.Select(Cell.Code));

    [Fact]
    public void The_id_comes_from_the_begin_line_and_indentation_is_kept()
    {
        var nb = Lesson("double F(double x)\n{\n    // BEGIN SOLUTION // Exercise 2.3\n    var y = x * x;\n    return y;\n    // END SOLUTION\n}");
        var student = StudentVersion.Create(nb);
        Assert.Equal("double F(double x)\n{\n    throw new NotImplementedException(\"Exercise 2.3\");\n}", student.Cells[0].Source);
        Assert.Contains("var y = x * x;", nb.Cells[0].Source); // the original is untouched
    }

    [Fact]
    public void The_id_comes_from_the_next_check_cell()
    {
        var nb = new Notebook([
            Cell.Code("int G() {\n  // BEGIN SOLUTION\n  return 4;\n  // END SOLUTION\n}"),
            Cell.Markdown("Exercise.Check(\"9.9\", ...) in markdown does not count"),
            Cell.Code("Exercise.CheckClose(\"1.2\", () => G(), expected: 4)"),
        ]);
        Assert.Contains("throw new NotImplementedException(\"Exercise 1.2\");", StudentVersion.Create(nb).Cells[0].Source);
        Assert.Equal(new[] { "1.2" }, StudentVersion.ExerciseIds(nb));
    }

    [Fact]
    public void A_check_after_the_block_in_the_same_cell_wins_over_the_next_cell()
    {
        var nb = Lesson("Func<int> h = () => {\n// BEGIN SOLUTION\nreturn 1;\n// END SOLUTION\n};\nExercise.Check(\"3.1\", () => h() == 1, hint: \"\")",
                        "Exercise.Check(\"3.2\", () => true, hint: \"\")");
        Assert.Contains("\"Exercise 3.1\"", StudentVersion.Create(nb).Cells[0].Source);
    }

    [Fact]
    public void Two_blocks_in_one_cell_each_take_their_own_comment_id()
    {
        var nb = Lesson("// BEGIN SOLUTION Exercise 1.1\na\n// END SOLUTION\nkeep\n// BEGIN SOLUTION Exercise 1.2\nb\n// END SOLUTION");
        Assert.Equal("throw new NotImplementedException(\"Exercise 1.1\");\nkeep\nthrow new NotImplementedException(\"Exercise 1.2\");",
            StudentVersion.Create(nb).Cells[0].Source);
    }

    [Theory]
    [InlineData("// BEGIN SOLUTION Exercise 1.1\nx", "has no '// END SOLUTION'")]
    [InlineData("x\n// END SOLUTION", "without a '// BEGIN SOLUTION'")]
    [InlineData("// BEGIN SOLUTION Exercise 1.1\n// BEGIN SOLUTION Exercise 1.2\n// END SOLUTION", "inside another solution block")]
    [InlineData("// BEGIN SOLUTION\nx\n// END SOLUTION", "cannot tell which exercise")]
    public void Malformed_blocks_are_errors_naming_cell_and_line(string code, string expected)
    {
        var e = Assert.Throws<FormatException>(() => StudentVersion.Create(Lesson("var ok = 1;", code), "l.dib"));
        Assert.Contains("l.dib: cell 2, line", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Relative_references_are_rebased_to_the_new_folder()
    {
        var nb = Lesson("#r \"nuget: MathNet.Numerics, 5.0.0\"\n#r \"../artifacts/bin/ClassicML/debug/ClassicML.dll\"\nusing X;");
        StudentVersion.RebaseReferences(nb, "/repo/notebooks", "/repo/artifacts/student");
        Assert.Equal("#r \"nuget: MathNet.Numerics, 5.0.0\"\n#r \"../bin/ClassicML/debug/ClassicML.dll\"\nusing X;", nb.Cells[0].Source);
    }
}
