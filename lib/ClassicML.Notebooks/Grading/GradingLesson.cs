using System.Text.RegularExpressions;
using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Grading;

/// <summary>
/// What the grader takes from the teacher's notebook of a lesson: its setup cell (the first code cell, whose
/// <c>#r</c> lines load ClassicML and the packages), its hidden-test cells (one per exercise, in order), and the
/// student version (solutions replaced by <c>throw</c>, hidden tests removed) that tells the student's own code
/// from the lesson's.
/// </summary>
public sealed partial class GradingLesson
{
    private GradingLesson(string path, Notebook teacher, Cell setup, IReadOnlyList<HiddenTestCell> hidden, Notebook studentVersion)
    {
        Path = path;
        Teacher = teacher;
        Setup = setup;
        HiddenTests = hidden;
        StudentVersion = studentVersion;
    }

    /// <summary>The teacher's notebook file.</summary>
    public string Path { get; }

    /// <summary>The file's name without extension, e.g. <c>03-linear-regression</c>.</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The teacher's notebook (with solutions and hidden tests).</summary>
    public Notebook Teacher { get; }

    /// <summary>The teacher's first code cell, run before the student's cells (so ClassicML is always the teacher's copy).</summary>
    public Cell Setup { get; }

    /// <summary>The hidden-test cells, one per exercise, in notebook order.</summary>
    public IReadOnlyList<HiddenTestCell> HiddenTests { get; }

    /// <summary>The student version: solution blocks replaced by <c>throw</c>, hidden-test cells removed.</summary>
    public Notebook StudentVersion { get; }

    /// <summary>The total of the exercises' points.</summary>
    public int MaxPoints => HiddenTests.Sum(h => h.Points);

    /// <summary>
    /// Reads the teacher's notebook at <paramref name="path"/>.
    /// </summary>
    /// <exception cref="FormatException">It has no hidden-test cells, a malformed header, two hidden cells for one exercise, or a bad solution block.</exception>
    public static GradingLesson Load(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        var teacher = NotebookFile.Load(path);
        Execution.NotebookRunner.EnsureCSharp(teacher, path);
        var hidden = new List<HiddenTestCell>();
        for (var i = 0; i < teacher.Cells.Count; i++)
        {
            if (!HiddenTestCell.IsHiddenTestCell(teacher.Cells[i])) continue;
            var cell = HiddenTestCell.Parse(teacher.Cells[i], i + 1, name);
            if (hidden.FirstOrDefault(h => h.ExerciseId == cell.ExerciseId) is { } twin)
                throw new FormatException($"{name}: cell {i + 1}: a second hidden-test cell for exercise {cell.ExerciseId} (the first is cell {twin.CellNumber}); put all its parts in one cell.");
            hidden.Add(cell);
        }
        if (hidden.Count == 0)
            throw new FormatException($"{name} has no hidden-test cells ('{HiddenTestCell.Marker} N.M points=P'), so there is nothing to grade; add them after each exercise's check cell.");
        var setup = teacher.Cells.FirstOrDefault(c => c.Kind == CellKind.Code)
                    ?? throw new FormatException($"{name} has no code cell.");
        var student = Documents.StudentVersion.Create(teacher, name);
        student.Cells.RemoveAll(HiddenTestCell.IsHiddenTestCell);
        return new GradingLesson(System.IO.Path.GetFullPath(path), teacher, setup, hidden, student);
    }

    /// <summary>
    /// The teacher's notebook for <paramref name="lesson"/>: a path to a .dib/.ipynb, or a lesson number (<c>3</c>,
    /// <c>03</c>) or name (<c>03-linear-regression</c>) looked up in <paramref name="notebooksFolder"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No such lesson, or the number matches several.</exception>
    public static string Resolve(string lesson, string notebooksFolder, string workingDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lesson);
        var asPath = System.IO.Path.GetFullPath(System.IO.Path.Combine(workingDirectory, lesson));
        if (File.Exists(asPath)) return asPath;
        if (lesson.EndsWith(".dib", StringComparison.OrdinalIgnoreCase) || lesson.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"--lesson: no notebook at '{asPath}'.");
        var candidates = Directory.Exists(notebooksFolder) ? Directory.GetFiles(notebooksFolder, "*.dib") : [];
        string[] matches;
        if (LessonNumber().Match(lesson) is { Success: true } n)
        {
            var number = int.Parse(n.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            matches = candidates.Where(c => LessonNumber().Match(System.IO.Path.GetFileNameWithoutExtension(c).Split('-')[0]) is { Success: true } m
                                            && int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) == number).ToArray();
        }
        else
        {
            matches = candidates.Where(c => string.Equals(System.IO.Path.GetFileNameWithoutExtension(c), lesson, StringComparison.OrdinalIgnoreCase)).ToArray();
        }
        return matches.Length switch
        {
            1 => matches[0],
            0 => throw new ArgumentException($"--lesson '{lesson}': no such lesson in '{notebooksFolder}'; give a lesson number (e.g. 3), a lesson name or the path of the teacher's notebook."),
            _ => throw new ArgumentException($"--lesson '{lesson}' matches {matches.Length} notebooks ({string.Join(", ", matches.Select(System.IO.Path.GetFileName))}); give the notebook's path."),
        };
    }

    /// <summary>
    /// The lesson a name identifies (a submission's file or folder name such as <c>03-linear-regression</c>), or null.
    /// </summary>
    public static string? FromName(string name, string notebooksFolder)
    {
        if (!Directory.Exists(notebooksFolder)) return null;
        var stem = System.IO.Path.GetFileNameWithoutExtension(name);
        return Directory.GetFiles(notebooksFolder, "*.dib")
            .FirstOrDefault(c => string.Equals(System.IO.Path.GetFileNameWithoutExtension(c), stem, StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"^(?<n>\d{1,3})$")]
    private static partial Regex LessonNumber();
}
