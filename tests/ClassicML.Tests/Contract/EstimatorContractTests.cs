using System.Reflection;
using ClassicML.Linear;
using ClassicML.Logistic;
using ClassicML.Margins;
using ClassicML.Mixtures;
using ClassicML.Regularization;
using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Tests.Contract;

/// <summary>
/// The library's check_estimator: every public estimator (a public class with a public instance <c>Fit</c>), found by
/// reflection, must be registered below, and every registered estimator runs every case. A new estimator without an
/// entry fails <see cref="Every_public_estimator_is_under_the_contract"/>.
/// Runs alone: the memory case reads the process-wide <see cref="GC.GetTotalMemory(bool)"/>, which counts what tests
/// running at the same time keep alive (a CI run saw 19.8 MB "retained" by a fit that keeps a 1.3 MB Gram matrix).
/// </summary>
[CollectionDefinition(nameof(EstimatorContractTests), DisableParallelization = true)]
[Collection(nameof(EstimatorContractTests))]
public class EstimatorContractTests
{
    /// <summary>How an estimator is fitted: its kind decides the data and labels of every case.</summary>
    public enum Kind { Regressor, Classifier01, ClassifierPm1, Mixture, Line }

    /// <summary>An estimator under test: its kind and a factory with default (or lesson-typical) settings.</summary>
    public sealed record Entry(Kind Kind, Func<object> Make);

    public static readonly Dictionary<Type, Entry> Estimators = new()
    {
        [typeof(LinearRegression)] = new(Kind.Regressor, () => new LinearRegression()),
        [typeof(GradientDescentRegression)] = new(Kind.Regressor, () => new GradientDescentRegression()),
        [typeof(SimpleLinearRegression)] = new(Kind.Line, () => new SimpleLinearRegression()),
        [typeof(RidgeRegression)] = new(Kind.Regressor, () => new RidgeRegression(1.0)),
        [typeof(Lasso)] = new(Kind.Regressor, () => new Lasso(0.1)),
        [typeof(PenalizedGradientDescent)] = new(Kind.Regressor, () => new PenalizedGradientDescent(Penalty.L1(0.1), learningRate: 0.01, maxIterations: 200)),
        [typeof(LogisticRegression)] = new(Kind.Classifier01, () => new LogisticRegression()),
        [typeof(Perceptron)] = new(Kind.ClassifierPm1, () => new Perceptron()),
        [typeof(PerceptronDual)] = new(Kind.ClassifierPm1, () => new PerceptronDual()),
        [typeof(HardMarginSvm)] = new(Kind.ClassifierPm1, () => new HardMarginSvm()),
        [typeof(SoftMarginSvm)] = new(Kind.ClassifierPm1, () => new SoftMarginSvm()),
        [typeof(HardMarginSvmPrimal)] = new(Kind.ClassifierPm1, () => new HardMarginSvmPrimal()),
        [typeof(GaussianMixture)] = new(Kind.Mixture, () => new GaussianMixture(2, seed: 1)),
    };

    public static TheoryData<string> Names() => new(Estimators.Keys.Select(t => t.Name));

    private static (Type Type, Entry Entry) Get(string name) => Estimators.Single(kv => kv.Key.Name == name) is var kv ? (kv.Key, kv.Value) : default;

    [Fact]
    public void Every_public_estimator_is_under_the_contract()
    {
        var found = typeof(FitReport).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Any(m => m.Name == "Fit"))
            .ToHashSet();
        var missing = found.Where(t => !Estimators.ContainsKey(t)).Select(t => t.FullName).ToList();
        Assert.True(missing.Count == 0, $"Estimators with no contract entry: {string.Join(", ", missing)}. Add them to EstimatorContractTests.Estimators.");
        Assert.Equal(found.Count, Estimators.Count);
    }

    // ---- data of each kind: a small well-posed problem, two overlapping-free classes, three Gaussian-ish blobs ----

    private static Matrix<double> X(Kind kind, int n = 12)
    {
        // Two groups far apart in the first feature, some spread in the second: separable, well conditioned.
        var rng = new Random(3);
        return kind == Kind.Line
            ? Matrix<double>.Build.Dense(n, 1, (i, _) => i + 0.3 * rng.NextDouble())
            : Matrix<double>.Build.Dense(n, 2, (i, j) => j == 0 ? (i < n / 2 ? -2.0 : 2.0) + 0.5 * rng.NextDouble() : rng.NextDouble() * 2 - 1);
    }

    private static Vector<double>? Y(Kind kind, Matrix<double> x) => kind switch
    {
        Kind.Regressor => x * Vector<double>.Build.Dense(x.ColumnCount, j => j + 1.0) + 0.5,
        Kind.Line => 2 * x.Column(0) + 1,
        Kind.Classifier01 => Vector<double>.Build.Dense(x.RowCount, i => x[i, 0] > 0 ? 1.0 : 0.0),
        Kind.ClassifierPm1 => Vector<double>.Build.Dense(x.RowCount, i => x[i, 0] > 0 ? 1.0 : -1.0),
        _ => null,
    };

    private static object Fit(object estimator, Kind kind, Matrix<double> x, Vector<double>? y)
    {
        var fit = estimator.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance).First(m => m.Name == "Fit");
        var parameters = fit.GetParameters();
        var args = new object?[parameters.Length];
        for (int i = 0; i < args.Length; i++) args[i] = parameters[i].HasDefaultValue ? parameters[i].DefaultValue : null;
        if (kind == Kind.Line) { args[0] = x.ColumnCount > 0 ? x.Column(0) : Vector<double>.Build.Dense(0); args[1] = y; }
        else { args[0] = x; if (kind != Kind.Mixture) args[1] = y; }
        try { return fit.Invoke(estimator, args)!; }
        catch (TargetInvocationException e) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException!).Throw(); throw; }
    }

    private static Vector<double> Predictions(object model, Matrix<double> x) => model switch
    {
        IRegressor r => r.Predict(x),
        IClassifier c => c.Predict(x),
        GaussianMixtureModel g => Vector<double>.Build.Dense(g.Predict(x).Select(v => (double)v).ToArray()),
        _ => throw new InvalidOperationException($"{model.GetType().Name} implements neither IRegressor nor IClassifier."),
    };

    private static FitReport Report(object model) => model switch
    {
        IFittedModel f => f.Report ?? throw new InvalidOperationException("A fitted model must carry a report."),
        GaussianMixtureModel g => g.Report,
        _ => throw new InvalidOperationException($"{model.GetType().Name} has no fit report."),
    };

    /// <summary>A bad input must either be refused with an ArgumentException naming <paramref name="param"/>, or (when <paramref name="mayFit"/>) give an honest, finite model.</summary>
    private static void RefusedOrHonest(Func<object> fit, string param, bool mayFit, Matrix<double> probe)
    {
        object model;
        try { model = fit(); }
        catch (ArgumentException e)
        {
            Assert.Equal(param, e.ParamName);
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            return;
        }
        Assert.True(mayFit, $"expected an ArgumentException naming '{param}', but the fit succeeded");
        var report = Report(model);
        var p = Predictions(model, probe);
        if (report.Converged)
            Assert.True(p.All(double.IsFinite), $"a fit reported Converged but predicts non-finite values: {report.Message}");
    }

    [Theory, MemberData(nameof(Names))]
    public void Bad_input_is_refused_naming_the_parameter_or_fitted_honestly(string name)
    {
        var (_, e) = Get(name);
        var kind = e.Kind;
        var x = X(kind);
        var y = Y(kind, x);
        string xName = kind == Kind.Line ? "x" : "x";

        // empty
        RefusedOrHonest(() => Fit(e.Make(), kind, Matrix<double>.Build.Dense(0, x.ColumnCount), y?.SubVector(0, 0)), xName, false, x);
        // one row
        RefusedOrHonest(() => Fit(e.Make(), kind, x.SubMatrix(0, 1, 0, x.ColumnCount), y?.SubVector(0, 1)), kind is Kind.Classifier01 or Kind.ClassifierPm1 ? (kind == Kind.Classifier01 || name.Contains("Perceptron") ? "y" : "y") : "x", true, x);
        // NaN, +∞, −∞ in x
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            var xb = x.Clone(); xb[3, 0] = bad;
            RefusedOrHonest(() => Fit(e.Make(), kind, xb, y), xName, false, x);
        }
        // scale 1e±300
        foreach (var s in new[] { 1e300, 1e-300 })
            RefusedOrHonest(() => Fit(e.Make(), kind, x * s, kind is Kind.Regressor or Kind.Line ? Y(kind, x) : y), xName, false, x);
        if (kind == Kind.Mixture)
        {
            // K > N
            RefusedOrHonest(() => Fit(e.Make(), kind, x.SubMatrix(0, 1, 0, 2), null), "x", false, x);
        }
        if (y is not null)
        {
            // NaN in y, shape mismatch
            var yb = y.Clone(); yb[2] = double.NaN;
            RefusedOrHonest(() => Fit(e.Make(), kind, x, yb), "y", false, x);
            RefusedOrHonest(() => Fit(e.Make(), kind, x, y.SubVector(0, y.Count - 1)), "y", false, x);
        }
        if (kind is Kind.Classifier01 or Kind.ClassifierPm1)
        {
            // wrong labels: 2 is in neither coding; the other coding's negative label is also wrong
            var wrong = y!.Clone(); wrong[0] = 2;
            RefusedOrHonest(() => Fit(e.Make(), kind, x, wrong), "y", false, x);
            var other = y.Map(v => kind == Kind.Classifier01 ? 2 * v - 1 : (v + 1) / 2);
            RefusedOrHonest(() => Fit(e.Make(), kind, x, other), "y", false, x);
            // one class
            var one = Vector<double>.Build.Dense(y.Count, y.Maximum());
            RefusedOrHonest(() => Fit(e.Make(), kind, x, one), "y", true, x);
        }
        if (kind != Kind.Line)
        {
            // constant column and duplicated column: refused naming x, or an honest finite fit
            var constant = x.Append(Matrix<double>.Build.Dense(x.RowCount, 1, 4.0));
            RefusedOrHonest(() => Fit(e.Make(), kind, constant, y), "x", true, constant);
            var duplicated = x.Append(x.SubMatrix(0, x.RowCount, 0, 1));
            RefusedOrHonest(() => Fit(e.Make(), kind, duplicated, y), "x", true, duplicated);
        }
    }

    [Theory, MemberData(nameof(Names))]
    public void Fit_is_deterministic_leaves_settings_and_inputs_alone_and_returns_a_reported_model(string name)
    {
        var (type, e) = Get(name);
        var x = X(e.Kind);
        var y = Y(e.Kind, x);
        var xCopy = x.Clone();
        var yCopy = y?.Clone();
        var estimator = e.Make();
        var settings = Settings(type, estimator);
        var first = Fit(estimator, e.Kind, x, y);
        var second = Fit(e.Make(), e.Kind, x, y);
        Assert.Equal(settings, Settings(type, estimator));
        Assert.Equal(xCopy, x);
        if (y is not null) Assert.Equal(yCopy, y);
        var probe = e.Kind == Kind.Line ? x : x;
        Assert.Equal(Predictions(first, probe), Predictions(second, probe));
        var report = Report(first);
        Assert.False(string.IsNullOrWhiteSpace(report.Message));
        Assert.True(report.Iterations >= 0);
        // On this well-posed problem every estimator succeeds (the iterative ones at their defaults) or says why not.
        if (!report.Converged)
            Assert.True(report.Status is FitStatus.IterationLimit or FitStatus.Degenerate, $"{report}");
        Assert.True(Predictions(first, probe).All(double.IsFinite));
        if (first is IClassifier c)
            Assert.Equal(y!, c.Predict(x)); // separable training data are classified correctly
    }

    private static string Settings(Type type, object estimator) => string.Join("; ",
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name)
            .Select(p => $"{p.Name}={Show(p.GetValue(estimator))}"));

    private static string Show(object? v) => v switch
    {
        null => "null",
        System.Collections.IEnumerable seq and not string => "[" + string.Join(",", seq.Cast<object>()) + "]",
        _ => v.ToString() ?? "",
    };

    [Theory, MemberData(nameof(Names))]
    public void Memory_retained_by_a_default_fit_is_bounded_by_the_data(string name)
    {
        var (_, e) = Get(name);
        // A hard problem at defaults: 400 rows whose labels/targets do not follow the features (not separable),
        // so iterative estimators run to their limits and traces grow as far as they are allowed to.
        int n = 400;
        var rng = new Random(9);
        var x = e.Kind == Kind.Line
            ? Matrix<double>.Build.Dense(n, 1, (_, _) => rng.NextDouble())
            : Matrix<double>.Build.Dense(n, 2, (_, _) => rng.NextDouble());
        Vector<double>? y = e.Kind switch
        {
            Kind.Regressor or Kind.Line => Vector<double>.Build.Dense(n, _ => rng.NextDouble()),
            Kind.Classifier01 => Vector<double>.Build.Dense(n, i => i % 2),
            Kind.ClassifierPm1 => Vector<double>.Build.Dense(n, i => i % 2 == 0 ? -1.0 : 1.0),
            _ => null,
        };
        long before = GC.GetTotalMemory(forceFullCollection: true);
        object? model = null;
        try { model = Fit(e.Make(), e.Kind, x, y); }
        catch (HardMarginInfeasibleException) { return; } // the hard margin refuses non-separable data outright
        long retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(model);
        // Data: 400×2 doubles = 6.4 KB. The Gram matrix of the dual forms is N² = 1.3 MB; a capped perceptron trace
        // 10,000 updates of ~150 B. Before the cap, the perceptron kept maxPasses·N·N doubles here (≈ 1.3 GB).
        Assert.True(retained < 16L << 20, $"{name} retained {retained / 1e6:F1} MB for 6.4 KB of data");
        Assert.False(Report(model).Status == FitStatus.Converged && e.Kind is Kind.ClassifierPm1 && model is PerceptronModel p && p.MisclassifiedAtEnd > 0);
    }
}

/// <summary>The chart rule, checked on the compiled code: no method of a chart type calls an estimator's Fit.</summary>
public class ChartRuleTests
{
    [Fact]
    public void No_chart_helper_fits_a_model()
    {
        var estimators = EstimatorContractTests.Estimators.Keys.ToHashSet();
        var charts = typeof(FitReport).Assembly.GetTypes().Where(t => t.Namespace == "ClassicML.Charts").ToArray();
        Assert.NotEmpty(charts);
        var offenders = new List<string>();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var type in charts)
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                var il = method.GetMethodBody()?.GetILAsByteArray();
                if (il is null) continue;
                // call (0x28), callvirt (0x6F) and newobj (0x73) take a 4-byte method token; scan every position (a
                // false token only fails to resolve, and the few bytes of IL make a stray match harmless to skip).
                for (int i = 0; i + 4 < il.Length; i++)
                {
                    if (il[i] is not (0x28 or 0x6F)) continue;
                    int token = BitConverter.ToInt32(il, i + 1);
                    MethodBase? callee;
                    try { callee = type.Module.ResolveMethod(token, type.IsGenericType ? type.GetGenericArguments() : null, method.IsGenericMethod ? method.GetGenericArguments() : null); }
                    catch (ArgumentException) { continue; }
                    if (callee is { Name: "Fit" } && callee.DeclaringType is { } d && estimators.Contains(d))
                        offenders.Add($"{type.Name}.{method.Name} calls {d.Name}.Fit");
                }
            }
        Assert.True(offenders.Count == 0, "Chart helpers must draw fits they are given: " + string.Join("; ", offenders.Distinct()));
    }
}
