using BenchmarkDotNet.Running;

namespace ClassicML.Benchmarks;

/// <summary>Runs the BenchmarkDotNet suites in this assembly.</summary>
public static class Program
{
    /// <summary>Entry point: forwards arguments to BenchmarkDotNet's switcher.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
