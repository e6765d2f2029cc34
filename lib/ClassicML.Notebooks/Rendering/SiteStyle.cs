namespace ClassicML.Notebooks.Rendering;

/// <summary>The site's one stylesheet, written as <c>assets/site.css</c>.</summary>
internal static class SiteStyle
{
    /// <summary>
    /// A readable text column (about 46em), the reader's own Latin fonts with the shipped Noto Sans SC chunks for
    /// Chinese, KaTeX's fonts for math, a sticky table of contents on wide screens that folds above the text on narrow
    /// ones, light code blocks whose long lines wrap (never cut off behind a scroll bar), outputs set off by a rule.
    /// </summary>
    public const string Css = """
        :root {
          --text: #1f2328; --muted: #59636e; --accent: #0b5cad; --accent-soft: #e8f1fb;
          --rule: #d8dee4; --code-bg: #f6f8fa; --out-bg: #ffffff; --error: #b42318; --error-bg: #fef3f2;
          --column: 60rem; --prose: 46rem; --toc: 15rem;
          --serif: "Charter", "Bitstream Charter", "Sitka Text", Cambria, "Noto Serif", "DejaVu Serif", Georgia, "Noto Sans SC", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif;
          --sans: system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", Roboto, "Helvetica Neue", Arial, "Noto Sans SC", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
          --mono: ui-monospace, "Cascadia Code", "JetBrains Mono", "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", "Noto Sans SC", monospace;
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; scroll-padding-top: 4rem; }
        body { margin: 0; color: var(--text); background: #fff; font: 17px/1.65 var(--serif); }
        /* Chinese has no italic: emphasised CJK stays upright instead of a synthesised slant (Latin keeps its real italic). */
        em, i { font-synthesis-style: none; }
        a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 2px; }
        a:hover { text-decoration-thickness: 2px; }

        .site-header {
          position: sticky; top: 0; z-index: 10; display: flex; align-items: baseline; justify-content: space-between;
          gap: 1rem; padding: .7rem 1.5rem; font-family: var(--sans); font-size: .95rem;
          background: rgba(255,255,255,.94); border-bottom: 1px solid var(--rule); backdrop-filter: blur(6px);
        }
        .site-header .course { font-weight: 650; color: var(--text); text-decoration: none; letter-spacing: .01em; }
        .site-header .downloads { color: var(--muted); font-size: .85rem; display: flex; flex-wrap: wrap; gap: .2rem .7rem; align-items: baseline; }
        .site-header .downloads .label { font-size: .72rem; font-weight: 700; letter-spacing: .08em; text-transform: uppercase; }
        .site-header .downloads a { font-family: var(--mono); font-size: .82rem; text-decoration: none; }
        .site-header .downloads a:hover { text-decoration: underline; }

        .layout { display: grid; grid-template-columns: var(--toc) minmax(0, var(--column)); gap: 3rem;
                  justify-content: center; padding: 2rem 1.5rem 3rem; }
        .toc { position: sticky; top: 4.2rem; align-self: start; max-height: calc(100vh - 5rem); overflow-y: auto;
               font-family: var(--sans); font-size: .86rem; line-height: 1.45; }
        .toc-title { margin: 0 0 .5rem; font-size: .72rem; font-weight: 700; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); }
        .toc ol { list-style: none; margin: 0 0 1.6rem; padding: 0; }
        .toc ol ol { margin: .25rem 0 .25rem .85rem; }
        .toc li { margin: .3rem 0; }
        .toc a { color: var(--text); text-decoration: none; display: block; border-left: 2px solid transparent; padding-left: .6rem; margin-left: -.6rem; }
        .toc a:hover { color: var(--accent); border-left-color: var(--accent); }
        .toc .lessons li.current > a { color: var(--accent); font-weight: 600; border-left-color: var(--accent); }

        main.lesson { min-width: 0; }
        /* Code, outputs, charts and display math use the full column; running text keeps a readable measure. */
        .markdown-cell > p, .markdown-cell > ul, .markdown-cell > ol, .markdown-cell > blockquote,
        .markdown-cell > h1, .markdown-cell > h2, .markdown-cell > h3, .markdown-cell > h4 { max-width: var(--prose); }
        h1, h2, h3, h4 { font-family: var(--sans); line-height: 1.25; color: #0f1419; }
        h1 { font-size: 2.1rem; margin: .2rem 0 1rem; letter-spacing: -.01em; }
        h2 { font-size: 1.45rem; margin: 2.4rem 0 .8rem; padding-top: .6rem; border-top: 1px solid var(--rule); }
        h3 { font-size: 1.15rem; margin: 1.8rem 0 .6rem; }
        p, ul, ol, table, blockquote { margin: 0 0 1rem; }
        li + li { margin-top: .25rem; }
        blockquote { margin-left: 0; padding: .4rem 1rem; border-left: 4px solid var(--accent); background: var(--accent-soft); border-radius: 0 6px 6px 0; }
        blockquote > :last-child { margin-bottom: 0; }
        hr { border: 0; border-top: 1px solid var(--rule); margin: 2rem 0; }
        img { max-width: 100%; }
        table { border-collapse: collapse; display: block; overflow-x: auto; font-size: .92rem; font-family: var(--sans); }
        th, td { border: 1px solid var(--rule); padding: .35rem .7rem; text-align: left; vertical-align: top; }
        th { background: var(--code-bg); font-weight: 600; }
        tbody tr:nth-child(even) { background: #fafbfc; }

        code, pre { font-family: var(--mono); font-size: .84rem; }
        /* One block per source line: a line too long for the column wraps, its continuation hanging under the line's
           own indentation plus four columns (--indent is the line's leading spaces). */
        pre .line { display: block; padding-left: calc((var(--indent, 0) + 4) * 1ch); text-indent: calc((var(--indent, 0) + 4) * -1ch); min-height: 1.5em; }
        :not(pre) > code { background: var(--code-bg); border: 1px solid #eaeef2; border-radius: 4px; padding: .05em .3em; font-size: .85em; }
        /* Long lines wrap rather than hide behind a scroll bar; a wrapped line hangs under its own start. */
        pre { margin: 0 0 1rem; padding: .8rem 1rem; line-height: 1.5; background: var(--code-bg); white-space: pre-wrap;
              overflow-wrap: anywhere; border: 1px solid #eaeef2; border-radius: 8px; tab-size: 4; }

        /* KaTeX draws math with its own fonts (assets/katex); its size is KaTeX's 1.21em of the text. */
        .katex { font-size: 1.1em; }
        .math-display { margin: 1rem 0; overflow-x: auto; overflow-y: hidden; padding: .15rem 0; }
        .math-display .katex-display { margin: 0; }
        .math-error { color: var(--error); background: var(--error-bg); border: 1px solid #fecdca; border-radius: 4px; padding: .1rem .35rem;
                      font-family: var(--mono); font-size: .8rem; }

        .cell { margin: 0; }
        .code-cell { margin: 1.2rem 0 1.6rem; }
        .cell-input { position: relative; }
        .cell-input .prompt { position: absolute; left: -3.2rem; top: .75rem; width: 2.8rem; text-align: right;
                              font-family: var(--mono); font-size: .72rem; color: #8c959f; }
        .cell-input pre.source { margin: 0; border-left: 3px solid #8fb8e6; }
        .cell-outputs { margin-top: .35rem; padding-left: .9rem; border-left: 3px solid #eaeef2; }
        .output { margin: .4rem 0; }
        pre.output { background: var(--out-bg); border: 0; padding: .3rem 0; border-radius: 0; }
        pre.output.stream.stderr { color: #9a6700; }
        .output.html { overflow-x: auto; }
        .output.html table { display: table; }
        .classicml-figure { margin: .4rem 0; }
        .output.error { color: var(--error); background: var(--error-bg); border: 1px solid #fecdca; border-radius: 8px; padding: .6rem .9rem; }
        .output.error .error-name { font-family: var(--sans); font-weight: 650; }
        .output.error pre { background: transparent; border: 0; padding: .4rem 0 0; margin: 0; color: inherit; white-space: pre-wrap; }
        .notebook-error { color: var(--error); background: var(--error-bg); border: 1px solid #fecdca; border-radius: 8px; padding: .8rem 1rem; margin-bottom: 1.5rem; font-family: var(--sans); }
        .notebook-error pre { background: transparent; border: 0; color: inherit; white-space: pre-wrap; margin: .4rem 0 0; padding: 0; }

        .tok-kw { color: #cf222e; }
        .tok-type { color: #8250df; }
        .tok-str { color: #0a3069; }
        .tok-num { color: #0550ae; }
        .tok-com { color: #6e7781; font-style: italic; }
        .tok-pp { color: #953800; }
        .tok-fn { color: #6639ba; }
        .tok-var { color: #1f2328; }
        .tok-punc { color: #57606a; }

        .pager { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; max-width: calc(var(--column) + var(--toc) + 3rem);
                 margin: 0 auto 3rem; padding: 1.5rem 1.5rem 0; border-top: 1px solid var(--rule); font-family: var(--sans); }
        .pager a { display: block; padding: .8rem 1rem; border: 1px solid var(--rule); border-radius: 8px; text-decoration: none; color: var(--text); }
        .pager a:hover { border-color: var(--accent); }
        .pager a span { display: block; font-size: .78rem; color: var(--muted); margin-bottom: .15rem; }
        .pager .next { text-align: right; grid-column: 2; }

        main.index { max-width: 48rem; margin: 0 auto; padding: 3rem 1.5rem 2rem; }
        main.index h1 { font-size: 2.3rem; margin-bottom: .5rem; }
        .lead { font-size: 1.12rem; color: var(--muted); margin-bottom: 2rem; }
        .lesson-list { list-style: none; padding: 0; margin: 0; }
        .lesson-list li { padding: 1.1rem 0; border-top: 1px solid var(--rule); margin: 0; }
        .lesson-list li > a { display: flex; gap: 1rem; align-items: baseline; text-decoration: none; font-family: var(--sans);
                              font-size: 1.2rem; font-weight: 650; color: var(--text); }
        .lesson-list li > a:hover .title { color: var(--accent); }
        .lesson-list .number { font-family: var(--mono); font-size: .9rem; color: var(--accent); min-width: 1.6rem; }
        .lesson-list p { margin: .35rem 0 0 2.6rem; color: var(--muted); font-size: .98rem; }
        .lesson-list .status { color: var(--error); font-family: var(--sans); font-size: .85rem; }
        .site-footer { max-width: 48rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; color: var(--muted); font-family: var(--sans); font-size: .82rem; }

        @media (max-width: 1000px) {
          .layout { grid-template-columns: minmax(0, 1fr); gap: 0; padding: 1.2rem 1rem 2rem; }
          .toc { position: static; max-height: none; margin-bottom: 1.5rem; padding: .8rem 1rem; background: var(--code-bg); border-radius: 8px; }
          .toc .lessons, .toc .toc-title:nth-of-type(2) { display: none; }
          .cell-input .prompt { display: none; }
          body { font-size: 16px; }
        }
        @media print {
          .site-header, .toc, .pager { display: none; }
          .layout { display: block; padding: 0; }
        }
        """;
}
