using System.CommandLine;
using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Cli;

/// <summary><c>student [--output dir]</c>: writes the student version (.dib and .ipynb) of every lesson.</summary>
public sealed class StudentCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Folder for the student notebooks; default artifacts/student/.",
        };
        var command = new Command("student",
            "Write student versions of the lessons: each '// BEGIN SOLUTION' … '// END SOLUTION' block becomes "
            + "'throw new NotImplementedException(\"Exercise N.M\");'. The id N.M comes from 'Exercise N.M' on the BEGIN line, "
            + "else from the first Exercise.Check…(\"N.M\", …) after the block in the same cell or in the next code cell.")
        {
            output,
        };
        command.SetAction(parse =>
        {
            var root = context.Root;
            var target = parse.GetValue(output) is { } o ? context.FullPath(o) : Path.Combine(RepoPaths.ArtifactsFolder(root), "student");
            var lessons = CheckCommand.LessonFiles(root);
            foreach (var path in lessons)
            {
                Notebook student;
                try
                {
                    student = StudentVersion.Create(NotebookFile.Load(path), Path.GetFileName(path));
                }
                catch (FormatException e)
                {
                    context.Error.WriteLine(e.Message);
                    return 1;
                }
                var name = Path.GetFileNameWithoutExtension(path);
                // #r paths are relative to the notebook's folder: point them at the same DLL from the new folder.
                StudentVersion.RebaseReferences(student, Path.GetDirectoryName(path)!, target);
                NotebookFile.Save(student, Path.Combine(target, name + ".dib"));
                foreach (var cell in student.Cells) cell.Id = null;
                NotebookFile.Save(student, Path.Combine(target, name + ".ipynb"));
                context.Out.WriteLine($"student: {name} ({StudentVersion.ExerciseIds(NotebookFile.Load(path)).Count} exercises)");
            }
            context.Out.WriteLine($"student: wrote {lessons.Length} notebook(s) to {target}");
            return 0;
        });
        return command;
    }
}
