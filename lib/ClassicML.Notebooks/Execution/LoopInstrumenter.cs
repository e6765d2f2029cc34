using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClassicML.Notebooks.Execution;

/// <summary>
/// Rewrites a cell so that every loop body starts with <c>CellWatchdog.Poll();</c>, letting an endless loop be
/// stopped when the cell's time runs out. Inserted text never contains a line break, so diagnostics and stack
/// traces keep the cell's own line numbers.
/// </summary>
internal sealed class LoopInstrumenter(StatementSyntax poll) : CSharpSyntaxRewriter
{
    private static readonly CSharpParseOptions s_script = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>
    /// The cell's code with <c>CellWatchdog.Poll(session)</c> in its loops and <c>CellConsole.Enter(session)</c> before
    /// its first statement; the code unchanged when it does not parse
    /// cleanly (the kernel then reports the syntax errors on the untouched text). Directive lines (<c>#r</c>, <c>#!</c>)
    /// are left as they are.
    /// </summary>
    public static string Instrument(string code, int session)
    {
        var tree = CSharpSyntaxTree.ParseText(code, s_script);
        if (tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)) return code;
        var poll = SyntaxFactory.ParseStatement($"global::ClassicML.Notebooks.Execution.CellWatchdog.Poll({session});").WithoutTrivia();
        var rewriter = new LoopInstrumenter(poll);
        var root = rewriter.Visit(tree.GetRoot());
        var text = rewriter._changed ? root.ToFullString() : code;
        // The console capture starts with the cell's first statement or declaration, on that same line.
        if (CSharpSyntaxTree.ParseText(text, s_script).GetRoot() is CompilationUnitSyntax { Members: [var first, ..] })
            text = text.Insert(first.SpanStart, $"global::ClassicML.Notebooks.Execution.CellConsole.Enter({session}); ");
        return text;
    }

    private bool _changed;

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return visited.WithStatement(WithPoll(visited.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return visited.WithStatement(WithPoll(visited.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
        return visited.WithStatement(WithPoll(visited.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return visited.WithStatement(WithPoll(visited.Statement));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var visited = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return visited.WithStatement(WithPoll(visited.Statement));
    }

    private StatementSyntax WithPoll(StatementSyntax body)
    {
        _changed = true;
        if (body is BlockSyntax block)
            return block.WithStatements(block.Statements.Insert(0, poll));
        // `while (c) stmt;` becomes `while (c) {Poll();stmt;}` keeping stmt's own trivia (and so its line).
        return SyntaxFactory.Block(poll, body)
            .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken))
            .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken));
    }
}
