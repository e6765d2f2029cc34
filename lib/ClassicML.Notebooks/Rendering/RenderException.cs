namespace ClassicML.Notebooks.Rendering;

/// <summary>
/// Thrown when a notebook cannot be rendered as written, e.g. its TeX uses a command KaTeX rejects,
/// or the site's npm packages are missing. The message names the construct and quotes the snippet so the
/// lesson author can find and fix it.
/// </summary>
public sealed class RenderException : Exception
{
    /// <summary>Creates the exception with a message that says what to change.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="command">The TeX command or construct at fault (e.g. <c>\foo</c>), when there is one.</param>
    /// <param name="snippet">The TeX source (or other text) in which the problem was found.</param>
    public RenderException(string message, string? command = null, string? snippet = null)
        : base(message)
    {
        Command = command;
        Snippet = snippet;
    }

    /// <summary>The TeX command or construct at fault, e.g. <c>\foo</c>; null when not about one command.</summary>
    public string? Command { get; }

    /// <summary>The source text in which the problem was found.</summary>
    public string? Snippet { get; }
}
