using ClassicML.Data;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Data;

public sealed class CsvTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("classicml-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text, string name = "data.csv")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private CsvFormatException Bad(string text)
    {
        var path = Write(text, "bad.csv");
        var ex = Assert.Throws<CsvFormatException>(() => Csv.Load(path));
        Assert.Equal(path, ex.File);
        Assert.Contains(path, ex.Message);
        return ex;
    }

    [Fact]
    public void Loads_header_values_comments_whitespace_crlf_and_trailing_newline()
    {
        var path = Write("# made up for a test\r\n x1 , x2,y\r\n1, 2.5 ,-3e-1\r\n\r\n# a comment in between\r\n  4,5,6\r\n");
        var t = Csv.Load(path);
        Assert.Equal(new[] { "x1", "x2", "y" }, t.Columns);
        Assert.Equal(2, t.RowCount);
        Assert.Equal(Matrix<double>.Build.DenseOfArray(new[,] { { 1, 2.5, -0.3 }, { 4, 5, 6 } }), t.Values);
        Assert.Equal(Path.GetFullPath(path), t.Source);
    }

    [Fact]
    public void Split_takes_named_features_or_all_other_columns()
    {
        var t = Csv.Parse("a,b,y,c\n1,2,3,4\n5,6,7,8\n");
        var (X, y) = t.Split("y");
        Assert.Equal(Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 4 }, { 5, 6, 8 } }), X);
        Assert.Equal(Vector<double>.Build.Dense([3.0, 7.0]), y);
        var (X2, _) = t.Split("y", "c", "a");
        Assert.Equal(Matrix<double>.Build.DenseOfArray(new double[,] { { 4, 1 }, { 8, 5 } }), X2);
        Assert.Equal(Vector<double>.Build.Dense([2.0, 6.0]), t.Column("b"));
    }

    [Fact]
    public void Unknown_column_lists_the_available_ones()
    {
        var t = Csv.Parse("x1,x2,y\n1,2,3\n", "toy.csv");
        var ex = Assert.Throws<ArgumentException>(() => t.Split("Y"));
        Assert.Equal("target", ex.ParamName);
        Assert.Contains("toy.csv has no column 'Y'", ex.Message);
        Assert.Contains("did you mean 'y'?", ex.Message);
        Assert.Contains("x1, x2, y", ex.Message);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => t.Split("y", "x3")).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => t.Split("y", "x1", "y")).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => t.Column("z")).ParamName);
    }

    [Fact]
    public void Missing_file_names_the_full_path()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => Csv.Load(Path.Combine(_dir, "nope.csv")));
        Assert.Contains(Path.Combine(_dir, "nope.csv"), ex.Message);
        Assert.Equal(Path.Combine(_dir, "nope.csv"), ex.FileName);
    }

    [Fact]
    public void Empty_file_has_no_header()
    {
        var ex = Bad("");
        Assert.Equal(1, ex.Line);
        Assert.Null(ex.Column);
        Assert.Contains("no header row", ex.Message);
        Assert.Contains("no header row", Bad("# only a comment\n\n").Message);
    }

    [Fact]
    public void Numeric_first_line_is_a_missing_header()
    {
        var ex = Bad("1,2,3\n4,5,6\n");
        Assert.Equal(1, ex.Line);
        Assert.Equal(1, ex.Column);
        Assert.Contains("add a header row", ex.Message);
    }

    [Fact]
    public void Header_without_data_is_rejected()
    {
        Assert.Contains("no data rows", Bad("x,y\n").Message);
    }

    [Fact]
    public void Ragged_row_says_expected_and_found_counts()
    {
        var ex = Bad("x1,x2,y\n1,2,3\n# c\n4,5\n");
        Assert.Equal(4, ex.Line);
        Assert.Equal(3, ex.Column);
        Assert.Contains("line 4, column 3", ex.Message);
        Assert.Contains("expected 3 fields", ex.Message);
        Assert.Contains("found 2", ex.Message);
    }

    [Fact]
    public void Non_numeric_cell_is_quoted_with_its_column()
    {
        var ex = Bad("x1,x2,y\n1,2,3\n4,abc,6\n");
        Assert.Equal(3, ex.Line);
        Assert.Equal(2, ex.Column);
        Assert.Contains("line 3, column 2: ('x2') 'abc' is not a number", ex.Message);
    }

    [Fact]
    public void Semicolon_separated_cells_get_advice()
    {
        Assert.Contains("separator must be a comma", Bad("x,y\n1;2,3\n").Message);
    }

    [Theory]
    [InlineData("x,y\n1,\n", "is empty")]
    [InlineData("x,y\n1,NaN\n", "'NaN' is not a finite number")]
    [InlineData("x,y\n1,Infinity\n", "not a finite number")]
    public void Empty_and_non_finite_cells_are_rejected(string text, string message)
    {
        var ex = Bad(text);
        Assert.Equal(2, ex.Line);
        Assert.Equal(2, ex.Column);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Duplicate_or_empty_header_names_are_rejected()
    {
        var dup = Bad("x,y,x\n1,2,3\n");
        Assert.Equal(3, dup.Column);
        Assert.Contains("appears twice", dup.Message);
        Assert.Equal(2, Bad("x,,y\n1,2,3\n").Column);
    }

    [Fact]
    public void Save_round_trips_exactly_and_leaves_no_temp_file()
    {
        var values = Matrix<double>.Build.DenseOfArray(new[,] { { 0.1, 1.0 / 3 }, { -2e-300, 123456789.125 } });
        var path = Path.Combine(_dir, "saved.csv");
        Csv.Save(path, ["a", "b"], values, comment: "generated by a test\nsecond line");
        Csv.Save(path, ["a", "b"], values, comment: "overwritten");
        var t = Csv.Load(path);
        Assert.Equal(values, t.Values);
        Assert.StartsWith("# overwritten\na,b\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Csv.Save(path, ["a", "b"], Matrix<double>.Build.Dense(1, 2, double.NaN))).ParamName);
        Assert.Equal("columns", Assert.Throws<ArgumentException>(() => Csv.Save(path, ["a"], values)).ParamName);
        Assert.Equal("columns", Assert.Throws<ArgumentException>(() => Csv.Save(path, ["a", "a"], values)).ParamName);
    }
}

public class CsvLabelTests
{
    [Fact]
    public void SplitLabels_gives_integer_labels_and_rejects_fractions_with_their_line()
    {
        var t = Csv.Parse("# c\nx1,x2,label\n0.5,1,0\n\n1.5,2,1\n2,3,-1\n", "toy.csv");
        var (X, labels) = t.SplitLabels("label");
        Assert.Equal(new[] { 0, 1, -1 }, labels);
        Assert.Equal(2, X.ColumnCount);
        Assert.Equal(new[] { 3, 5, 6 }, t.LineNumbers);
        var ex = Assert.Throws<CsvFormatException>(() => t.Labels("x1"));
        Assert.Equal(3, ex.Line);
        Assert.Equal(1, ex.Column);
        Assert.Contains("toy.csv, line 3, column 1: ('x1') 0.5 is not a whole number", ex.Message);
    }
}

public class CourseDataTests
{
    [Fact]
    public void Course_data_is_found_from_a_lesson_folder_and_from_the_repository_root()
    {
        var root = Directory.CreateTempSubdirectory("classicml-data-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "data"));
            var lessons = Directory.CreateDirectory(Path.Combine(root.FullName, "notebooks", "deeper"));
            File.WriteAllText(Path.Combine(root.FullName, "data", "t.csv"), "a,y\n1,2\n3,4\n");
            var fromLesson = ClassicML.Data.Csv.LoadCourseData("t.csv", lessons.FullName);
            var fromRoot = ClassicML.Data.Csv.LoadCourseData("t.csv", root.FullName);
            Assert.Equal(2, fromLesson.RowCount);
            Assert.Equal(fromLesson.Source, fromRoot.Source);
            var missing = Assert.Throws<FileNotFoundException>(() => ClassicML.Data.Csv.LoadCourseData("none.csv", lessons.FullName));
            Assert.Contains("data/none.csv", missing.Message);
            Assert.Contains(lessons.FullName, missing.Message);
            Assert.Equal("fileName", Assert.Throws<ArgumentException>(() => ClassicML.Data.Csv.LoadCourseData("../data/t.csv", lessons.FullName)).ParamName);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
