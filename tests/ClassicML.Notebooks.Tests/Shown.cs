using System.Text.RegularExpressions;
using ClassicML.Notebooks.Documents;

namespace ClassicML.Notebooks.Tests;

/// <summary>Reads back what the .NET Interactive kernel shows for a value.</summary>
public static partial class Shown
{
    [GeneratedRegex("^<div class=\"dni-plaintext\"><pre>(.*?)</pre></div>", RegexOptions.Singleline)]
    private static partial Regex PlainTextHtml();

    /// <summary>
    /// The text of a scalar as the kernel shows it in Jupyter (<c>&lt;div class="dni-plaintext"&gt;&lt;pre&gt;42&lt;/pre&gt;&lt;/div&gt;</c>,
    /// HTML only), or the text/plain of a string; null for anything else.
    /// </summary>
    public static string? Text(MimeBundle bundle) =>
        bundle["text/html"] is { } html && PlainTextHtml().Match(html) is { Success: true } m
            ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)
            : bundle["text/plain"];
}
