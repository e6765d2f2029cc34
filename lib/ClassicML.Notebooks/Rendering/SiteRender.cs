using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Rendering;

/// <summary>The <c>render</c> command's work: run the lessons with the runner and write the site.</summary>
internal static class SiteRender
{
    /// <summary>Runs the notebook at <paramref name="path"/>, reporting each cell to <paramref name="progress"/>.</summary>
    public static Notebook RunNotebook(string path, Action<string> progress) =>
        throw new NotSupportedException($"The notebook runner is not merged yet; cannot run {path}.");
}
