using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClassicML.Notebooks.Execution;

/// <summary>
/// Rewrites a cell so that every loop body starts with <c>CellWatchdog.Poll();</c>, letting an endless loop be
/// stopped when the cell's time runs out. Inserted text never contains a line break, so diagnostics and stack
/// traces keep the cell's own line numbers.
/// </summary>
internal sealed class LoopInstrumenter : CSharpSyntaxRewriter
{
    private static readonly StatementSyntax s_poll =
        SyntaxFactory.ParseStatement("global::ClassicML.Notebooks.Execution.CellWatchdog.Poll();").WithoutTrivia();

    /// <summary>The cell's code with polls in its loops; the code unchanged when it does not parse cleanly.</summary>
    public static string Instrument(string code, CSharpParseOptions options)
    {
        var tree = CSharpSyntaxTree.ParseText(code, options);
        // Let the compiler report syntax errors on the untouched text.
        if (tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)) return code;
        var root = new LoopInstrumenter().Visit(tree.GetRoot());
        return root.ToFullString();
    }

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

    private static StatementSyntax WithPoll(StatementSyntax body)
    {
        if (body is BlockSyntax block)
            return block.WithStatements(block.Statements.Insert(0, s_poll));
        // `while (c) stmt;` becomes `while (c) {Poll();stmt;}` keeping stmt's own trivia (and so its line).
        return SyntaxFactory.Block(s_poll, body)
            .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken))
            .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken));
    }
}
