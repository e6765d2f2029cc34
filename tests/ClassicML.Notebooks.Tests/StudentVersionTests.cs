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

public class StudentVersionScrubTests
{
    [Fact]
    public void The_hidden_test_marker_is_the_library_s()
    {
        Assert.Equal(ClassicML.Exercises.HiddenTest.Marker, StudentVersion.HiddenTestMarker);
    }

    [Fact]
    public void Hidden_test_cells_are_removed_and_only_they()
    {
        var nb = new Notebook([
            Cell.Code("double F(double x)\n{\n    // BEGIN SOLUTION\n    return 2 * x;\n    // END SOLUTION\n}"),
            Cell.Code("global::ClassicML.Exercises.Exercise.CheckClose(\n    \"1.1\", () => F(1), 2.0)"),
            Cell.Code("\n  // HIDDEN TESTS 1.1 points=2\nglobal::ClassicML.Exercises.HiddenTest.Part(\"1.1\", 2, \"at 7\", () => global::ClassicML.Exercises.Exercise.CheckClose(\"1.1\", () => F(7), 14.0));"),
            Cell.Markdown("// HIDDEN TESTS in markdown is prose"),
            Cell.Code("var note = 1; // HIDDEN TESTS mentioned on a later line\n// HIDDEN TESTS 1.1"),
        ]);
        var student = StudentVersion.Create(nb, "l.dib");
        Assert.Equal(4, student.Cells.Count);
        Assert.DoesNotContain(student.Cells, c => c.Source.Contains("F(7)", StringComparison.Ordinal));
        Assert.Contains("throw new NotImplementedException(\"Exercise 1.1\");", student.Cells[0].Source);
        Assert.True(StudentVersion.IsHiddenTestCell(nb.Cells[2]));
        Assert.False(StudentVersion.IsHiddenTestCell(nb.Cells[3]));
        Assert.False(StudentVersion.IsHiddenTestCell(nb.Cells[4]));
        // The .dib written from it has no trace of the removed cell.
        Assert.DoesNotContain("HiddenTest.Part", DibFormat.Write(student));
    }

    [Fact]
    public void Ids_are_found_without_hint_arguments_in_every_way_checks_are_written()
    {
        var nb = new Notebook([
            Cell.Code("double A(double x)\n{\n    // BEGIN SOLUTION\n    return x;\n    // END SOLUTION\n}"),
            Cell.Code("global::ClassicML.Exercises.Exercise.CheckClose(\n    \"3.1\",\n    () => A(1), 1.0)"),
            Cell.Code("double B(double x)\n{\n    // BEGIN SOLUTION\n    return x;\n    // END SOLUTION\n}"),
            Cell.Code("Exercise.CheckClose(id: \"3.2\", actual: () => B(1), expected: 1.0, tolerance: Tolerance.Relative(1e-12))"),
            Cell.Code("double C(double x)\n{\n    // BEGIN SOLUTION\n    return x;\n    // END SOLUTION\n}"),
            Cell.Code("var id = \"3.3\";\nExercise.CheckClose(id, () => C(1), 1.0)"), // no literal id in the check cell
            Cell.Code("// HIDDEN TESTS 3.3 points=1\nglobal::ClassicML.Exercises.HiddenTest.Part(\"3.3\", 1, \"x\", () => global::ClassicML.Exercises.Exercise.CheckClose(\"3.3\", () => C(2), 2.0));"),
        ]);
        Assert.Equal(new[] { "3.1", "3.2", "3.3" }, StudentVersion.ExerciseIds(nb));
    }

    [Fact]
    public void Outputs_counts_metadata_and_attachments_are_dropped_and_only_the_kernel_metadata_stays()
    {
        var ipynb = """
            {
             "cells": [
              {
               "attachments": {"answer.png": {"image/png": "U09MVVRJT04tSU4tQVRUQUNITUVOVA=="}},
               "cell_type": "markdown",
               "id": "m1",
               "metadata": {"tags": ["SOLUTION-IN-MARKDOWN-METADATA"]},
               "source": ["# Lesson ![x](attachment:answer.png)"]
              },
              {
               "cell_type": "code",
               "execution_count": 7,
               "id": "c1",
               "metadata": {"nbgrader": {"solution": "SOLUTION-IN-CELL-METADATA"}, "polyglot_notebook": {"kernelName": "csharp"}},
               "outputs": [{"name": "stdout", "output_type": "stream", "text": ["SOLUTION-IN-OUTPUT"]}],
               "source": ["int F()\n", "{\n", "    // BEGIN SOLUTION\n", "    return 42;\n", "    // END SOLUTION\n", "}\n", "Exercise.CheckEqual(\"1.1\", () => F(), 42)"]
              }
             ],
             "metadata": {
              "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
              "grader": {"key": "SOLUTION-IN-NOTEBOOK-METADATA"}
             },
             "nbformat": 4,
             "nbformat_minor": 5,
             "solutions_extra": "SOLUTION-IN-EXTRA-FIELD"
            }
            """;
        var student = StudentVersion.Create(IpynbFormat.Parse(ipynb), "l.ipynb");
        foreach (var text in new[] { IpynbFormat.Write(student), DibFormat.Write(student) })
        {
            Assert.DoesNotContain("SOLUTION-", text);
            Assert.DoesNotContain("U09MVVRJT04", text);
            Assert.DoesNotContain("return 42;", text);
            Assert.DoesNotContain("\"execution_count\": 7", text);
        }
        Assert.Empty(NbformatValidator.Validate(IpynbFormat.Write(student)));
        Assert.Equal(".net-csharp", student.Metadata["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Contains("\"kernelName\": \"csharp\"", IpynbFormat.Write(student)); // the writer restores what the kernel needs
    }
}
