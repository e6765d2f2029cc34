using ClassicML.Notebooks.Execution;

namespace ClassicML.Notebooks.Tests;

/// <summary>The order in which <c>check</c> starts its notebook processes (longest first) and the times file it keeps.</summary>
public class RunScheduleTests
{
    private static string Notebook(TestPaths.TempFolder folder, string name, int bytes)
    {
        var path = folder[$"notebooks/{name}"];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, new string('x', bytes));
        return path;
    }

    [Fact]
    public void Recorded_notebooks_start_longest_first_and_unrecorded_ones_before_them_by_size()
    {
        using var folder = new TestPaths.TempFolder();
        string[] paths =
        [
            Notebook(folder, "00-short.dib", 10), Notebook(folder, "01-long.dib", 10), Notebook(folder, "02-new-small.dib", 5),
            Notebook(folder, "03-middle.dib", 10), Notebook(folder, "04-new-large.dib", 50),
        ];
        var times = folder["executed/run-times.json"];
        RunSchedule.Record(times, [(paths[0], TimeSpan.FromSeconds(3.5)), (paths[1], TimeSpan.FromSeconds(9)), (paths[3], TimeSpan.FromSeconds(6))]);

        Assert.Equal([4, 2, 1, 3, 0], RunSchedule.LongestFirst(paths, times));
    }

    [Fact]
    public void With_no_times_file_the_largest_file_starts_first_and_ties_keep_the_course_order()
    {
        using var folder = new TestPaths.TempFolder();
        string[] paths = [Notebook(folder, "a.dib", 7), Notebook(folder, "b.dib", 70), Notebook(folder, "c.dib", 7)];

        Assert.Equal([1, 0, 2], RunSchedule.LongestFirst(paths, folder["executed/run-times.json"]));
    }

    [Fact]
    public void Recording_keeps_the_times_of_notebooks_this_run_did_not_touch()
    {
        using var folder = new TestPaths.TempFolder();
        string[] paths = [Notebook(folder, "a.dib", 1), Notebook(folder, "b.dib", 1)];
        var times = folder["executed/run-times.json"];
        RunSchedule.Record(times, [(paths[0], TimeSpan.FromSeconds(2)), (paths[1], TimeSpan.FromSeconds(1))]);
        RunSchedule.Record(times, [(paths[1], TimeSpan.FromSeconds(5))]); // a later `check b.dib`

        Assert.Equal([1, 0], RunSchedule.LongestFirst(paths, times));
        Assert.Equal([Path.GetFileName(times)], Directory.GetFiles(Path.GetDirectoryName(times)!).Select(Path.GetFileName)); // no temporary file left
        Assert.Contains("\"a.dib\": 2", File.ReadAllText(times), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"a.dib\": \"slow\", \"b.dib\": -4}")]
    public void A_damaged_times_file_is_ignored_and_the_order_falls_back_to_file_size(string content)
    {
        using var folder = new TestPaths.TempFolder();
        string[] paths = [Notebook(folder, "a.dib", 3), Notebook(folder, "b.dib", 30)];
        var times = folder["executed/run-times.json"];
        Directory.CreateDirectory(Path.GetDirectoryName(times)!);
        File.WriteAllText(times, content);

        Assert.Equal([1, 0], RunSchedule.LongestFirst(paths, times));
        RunSchedule.Record(times, [(paths[0], TimeSpan.FromSeconds(1))]); // and it is repaired on the next run
        Assert.Equal([1, 0], RunSchedule.LongestFirst(paths, times)); // b has no time: unrecorded first
    }
}
