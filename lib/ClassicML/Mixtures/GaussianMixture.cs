using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Mixtures;

/// <summary>
/// A Gaussian mixture model p(x) = Σ_k π_k 𝒩(x | μ_k, Σ_k) with K full-covariance components, fitted by
/// expectation–maximisation (EM). Hyper-parameters go in the constructor; <see cref="Fit"/> returns a
/// <see cref="GaussianMixtureModel"/> holding the learned parameters, the per-iteration history and how the run ended.
/// </summary>
/// <remarks>
/// E-step: γ_ik = π_k 𝒩(x_i | μ_k, Σ_k) / Σ_j π_j 𝒩(x_i | μ_j, Σ_j), computed in log space (log-sum-exp;
/// Cholesky-based log-density, no inverse, no determinant).
/// M-step: N_k = Σ_i γ_ik, π_k = N_k/N, μ_k = Σ_i γ_ik x_i / N_k, Σ_k = Σ_i γ_ik (x_i − μ_k)(x_i − μ_k)ᵀ / N_k + λI.
/// Stops when the change of the average log-likelihood (1/N) log p(X | θ) between two iterations is below
/// the tolerance, or after the maximum number of iterations (then <see cref="GaussianMixtureModel.Converged"/> is false).
/// </remarks>
public sealed class GaussianMixture
{
    /// <summary>Configures EM for a mixture of <paramref name="components"/> Gaussians.</summary>
    /// <param name="components">Number of components K ≥ 1.</param>
    /// <param name="tolerance">Stop when |ℓ⁽ᵗ⁾ − ℓ⁽ᵗ⁻¹⁾| / N &lt; tolerance, ℓ the log-likelihood (scikit-learn's default 1e-3).</param>
    /// <param name="maxIterations">Upper bound on the number of EM iterations (M-steps), ≥ 0.</param>
    /// <param name="regularization">λ ≥ 0 added to every covariance diagonal after each M-step so that no component
    /// can shrink onto a point (scikit-learn's reg_covar, default 1e-6). With λ = 0 the plain EM of the textbook runs.</param>
    /// <param name="restarts">Number of runs from different random starts (≥ 1); the run with the highest final
    /// log-likelihood wins. Must be 1 for deterministic starts.</param>
    /// <param name="initialization">How θ⁽⁰⁾ is chosen; k-means++ seeding when null.</param>
    /// <param name="seed">Seed of the random starts.</param>
    /// <param name="recordHistory">Keep θ⁽ᵗ⁾ and ℓ⁽ᵗ⁾ of every iteration (for charts and animations), at most <see cref="Recording.MaxEntries"/> of them.</param>
    /// <param name="maxDegreeOfParallelism">Threads used by the E/M passes; all cores when null. The result does not
    /// depend on it.</param>
    public GaussianMixture(int components, double tolerance = 1e-3, int maxIterations = 100, double regularization = 1e-6,
        int restarts = 1, MixtureInitialization? initialization = null, int seed = 0, bool recordHistory = true,
        int? maxDegreeOfParallelism = null)
    {
        if (components < 1)
            throw new ArgumentOutOfRangeException(nameof(components), components, "A mixture needs at least one component (K ≥ 1).");
        if (!double.IsFinite(tolerance) || tolerance < 0)
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be a finite number ≥ 0 (e.g. 1e-3).");
        if (maxIterations < 0)
            throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "The iteration limit must be ≥ 0.");
        if (!double.IsFinite(regularization) || regularization < 0)
            throw new ArgumentOutOfRangeException(nameof(regularization), regularization, "The diagonal term must be a finite number ≥ 0 (e.g. 1e-6).");
        if (restarts < 1)
            throw new ArgumentOutOfRangeException(nameof(restarts), restarts, "Run EM at least once (restarts ≥ 1).");
        initialization ??= MixtureInitialization.KMeansPlusPlus;
        if (restarts > 1 && initialization.IsDeterministic)
            throw new ArgumentException($"Restarts need a random start; {initialization.GetType().Name} gives the same start every time. Use k-means++ or random points, or restarts: 1.", nameof(restarts));
        if (initialization is MixtureInitialization.ChosenPoints p && p.Rows.Count != components)
            throw new ArgumentException($"Pass one seed row per component: {components} components but {p.Rows.Count} rows.", nameof(initialization));
        if (initialization is MixtureInitialization.ExplicitStart e && e.Parameters.Components != components)
            throw new ArgumentException($"The starting parameters have {e.Parameters.Components} components but the mixture has {components}.", nameof(initialization));
        if (maxDegreeOfParallelism is < 1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use at least one thread, or null for all cores.");
        Components = components;
        Tolerance = tolerance;
        MaxIterations = maxIterations;
        Regularization = regularization;
        Restarts = restarts;
        Initialization = initialization;
        Seed = seed;
        RecordHistory = recordHistory;
        MaxDegreeOfParallelism = maxDegreeOfParallelism;
    }

    /// <summary>Number of components K.</summary>
    public int Components { get; }
    /// <summary>Convergence threshold on the change of the average log-likelihood per sample.</summary>
    public double Tolerance { get; }
    /// <summary>Maximum number of EM iterations.</summary>
    public int MaxIterations { get; }
    /// <summary>λ added to each covariance diagonal after every M-step.</summary>
    public double Regularization { get; }
    /// <summary>Number of independent runs; the best final log-likelihood wins.</summary>
    public int Restarts { get; }
    /// <summary>How θ⁽⁰⁾ is chosen.</summary>
    public MixtureInitialization Initialization { get; }
    /// <summary>Seed of the random starts.</summary>
    public int Seed { get; }
    /// <summary>Whether every iteration's parameters and log-likelihood are kept.</summary>
    public bool RecordHistory { get; }
    /// <summary>Threads for the E/M passes (null: all cores).</summary>
    public int? MaxDegreeOfParallelism { get; }

    /// <summary>
    /// Runs EM (<see cref="Restarts"/> times) on <paramref name="x"/> and returns the best run. A run in which
    /// a component loses all its points or its covariance becomes singular stops there, keeping the last valid
    /// parameters, and reports <see cref="FitStatus.Degenerate"/> with <see cref="EmCollapse.StoppedRun"/> true; a run
    /// that ends with a component on too few points is <see cref="FitStatus.Degenerate"/> with it false. Healthy runs
    /// beat degenerate ones and degenerate beat stopped ones whatever their likelihoods; the highest log-likelihood wins
    /// only among runs of the same rank.
    /// </summary>
    /// <param name="x">N×D data, one sample per row, N ≥ K, all values finite.</param>
    public GaussianMixtureModel Fit(Matrix<double> x)
    {
        DataChecks.CheckData(x, nameof(x));
        int n = x.RowCount, d = x.ColumnCount, k = Components;
        if (k > n)
            throw new ArgumentException($"The data has {n} rows but the mixture has {k} components; use at most {n} components or more data.", nameof(x));
        if (Initialization is MixtureInitialization.ExplicitStart e && e.Parameters.Dimension != d)
            throw new ArgumentException($"The data has {d} columns but the starting parameters are {e.Parameters.Dimension}-dimensional.", nameof(x));
        if (Initialization is MixtureInitialization.ChosenPoints p)
        {
            if (p.Rows.Any(r => r < 0 || r >= n))
                throw new ArgumentException($"Seed rows must lie in 0..{n - 1}; got [{string.Join(", ", p.Rows)}].", nameof(x));
            if (p.Rows.Distinct().Count() != p.Rows.Count)
                throw new ArgumentException("Seed rows must be distinct so that the components start apart.", nameof(x));
        }

        var xs = DataChecks.ColumnMajor(x);
        var kernel = new EmKernel(xs, n, d, k, MaxDegreeOfParallelism);
        double scale = AverageVariance(xs, n, d);
        var master = new Random(Seed);
        GaussianMixtureModel? best = null;
        var finals = new double[Restarts];
        for (int r = 0; r < Restarts; r++)
        {
            var random = new Random(master.Next());
            var run = RunOnce(x, xs, kernel, random, r, scale);
            finals[r] = run.LogLikelihood;
            if (best is null || Better(run, best)) best = run;
        }
        return best!.WithRestarts(finals);
    }

    /// <summary>
    /// One EM iteration from <paramref name="current"/>, the same step <see cref="Fit"/> repeats: the E-step
    /// γ_ik = π_k 𝒩(x_i | μ_k, Σ_k) / Σ_j π_j 𝒩(x_i | μ_j, Σ_j) in log space (log-sum-exp over Cholesky log-densities),
    /// then the M-step N_k = Σ_i γ_ik, π_k = N_k/N, μ_k = Σ_i γ_ik x_i / N_k,
    /// Σ_k = Σ_i γ_ik (x_i − μ_k)(x_i − μ_k)ᵀ / N_k + λI with λ = <see cref="Regularization"/>.
    /// </summary>
    /// <param name="x">N×D data, one sample per row, all values finite.</param>
    /// <param name="current">θ⁽ᵗ⁾ with K = <see cref="Components"/> components of dimension D.</param>
    /// <returns>θ⁽ᵗ⁺¹⁾.</returns>
    /// <exception cref="ArgumentException">When the shapes disagree, a covariance of <paramref name="current"/> is not
    /// positive definite, or the step leaves a component with no points (the message names it).</exception>
    public MixtureParameters Step(Matrix<double> x, MixtureParameters current)
    {
        DataChecks.CheckData(x, nameof(x));
        ArgumentNullException.ThrowIfNull(current);
        int n = x.RowCount, d = x.ColumnCount, k = Components;
        if (current.Components != k)
            throw new ArgumentException($"The parameters have {current.Components} components but the mixture has {k}.", nameof(current));
        if (current.Dimension != d)
            throw new ArgumentException($"The data has {d} columns but the parameters are {current.Dimension}-dimensional.", nameof(current));
        var kernel = new EmKernel(DataChecks.ColumnMajor(x), n, d, k, MaxDegreeOfParallelism);
        if (!kernel.TrySetParameters(current.WeightSpan, current.MeanSpan, current.CovarianceSpan, out int bad))
            throw new ArgumentException($"Covariance {bad} is not positive definite (no Cholesky factor); give a covariance with positive eigenvalues.", nameof(current));
        kernel.Pass(accumulate: true, null, null);
        var w = new double[k];
        var mu = new double[k * d];
        var cov = new double[k * d * d];
        int lost = kernel.MStep(Regularization, 1e-10 * n, w, mu, cov);
        if (lost >= 0)
            throw new ArgumentException($"Component {lost} lost its points in this step (N_k = {kernel.EffectiveCount(lost):G3}); start it nearer the data.", nameof(current));
        return new MixtureParameters(k, d, w, mu, cov);
    }

    /// <summary>
    /// Whether run a beats run b. Healthy runs (converged or at the iteration limit) beat degenerate ones, which beat
    /// collapsed ones, whatever their likelihoods: a needle's likelihood grows without bound as λ → 0, so it says
    /// nothing about the fit. Only within a rank does the higher log-likelihood win.
    /// </summary>
    private static bool Better(GaussianMixtureModel a, GaussianMixtureModel b)
    {
        int ra = Rank(a.Report), rb = Rank(b.Report);
        if (ra != rb) return ra > rb;
        return a.LogLikelihood > b.LogLikelihood;

        static int Rank(MixtureFitReport r) => r.Collapse switch { { StoppedRun: true } => 0, not null => 1, null => 2 };
    }

    /// <summary>s̄ = (1/D) Σ_a Var(x_a), the data's average per-coordinate variance (population), the yardstick of a degenerate covariance.</summary>
    private static double AverageVariance(double[] xs, int n, int d)
    {
        double total = 0;
        for (int a = 0; a < d; a++)
        {
            var column = xs.AsSpan(a * n, n);
            double mean = 0;
            foreach (var v in column) mean += v;
            mean /= n;
            double ss = 0;
            foreach (var v in column) ss += (v - mean) * (v - mean);
            total += ss / n;
        }
        return total / d;
    }

    /// <summary>
    /// The first component whose covariance, less the diagonal term, has an eigenvalue at most 10⁻⁶·s̄: its points span
    /// fewer than D directions (a "needle" on one or two points), so only λ keeps its density finite. −1 when none.
    /// </summary>
    private int DegenerateComponent(MixtureParameters p, double scale, out double smallest)
    {
        smallest = double.NaN;
        if (!(scale > 0)) return -1; // all samples identical: every component is that point, nothing to compare
        for (int c = 0; c < p.Components; c++)
        {
            var evd = p.Covariance(c).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
            double min = evd.EigenValues.Min(v => v.Real) - Regularization;
            if (min <= 1e-6 * scale)
            {
                smallest = min + Regularization;
                return c;
            }
        }
        return -1;
    }

    private GaussianMixtureModel RunOnce(Matrix<double> x, double[] xs, EmKernel kernel, Random random, int restart, double scale)
    {
        int n = kernel.N, d = kernel.D, k = kernel.K;
        var w = new double[k];
        var mu = new double[k * d];
        var cov = new double[k * d * d];
        var history = new List<EmIteration>();
        EmCollapse? collapse = null;

        if (Initialization is MixtureInitialization.ExplicitStart start)
        {
            start.Parameters.WeightSpan.CopyTo(w);
            start.Parameters.MeanSpan.CopyTo(mu);
            start.Parameters.CovarianceSpan.CopyTo(cov);
        }
        else
        {
            var seeds = Initialization.SeedRows(x, xs, k, random);
            var lost = HardSplitStart(xs, n, d, k, seeds, w, mu, cov);
            if (lost >= 0)
                collapse = new EmCollapse(0, lost, 0, "The start gave this component no points.", true);
        }

        double previous = double.NaN, change = double.NaN, ll = double.NaN;
        int t = 0;
        var status = FitStatus.IterationLimit;
        // Minimum responsibility mass below which a component counts as empty.
        double minCount = 1e-10 * n;
        if (collapse is null)
        {
            if (!kernel.TrySetParameters(w, mu, cov, out int bad))
                collapse = new EmCollapse(0, bad, double.NaN, "The starting covariance is singular (no Cholesky factor).", true);
        }
        if (collapse is not null)
        {
            status = FitStatus.Degenerate;
            // Report the start anyway, with the log-likelihood left undefined.
            return new GaussianMixtureModel(new MixtureParameters(k, d, w, mu, cov), n, double.NaN, 0, status, double.NaN,
                history, collapse, restart, [], Regularization);
        }

        var nextW = new double[k];
        var nextMu = new double[k * d];
        var nextCov = new double[k * d * d];
        while (true)
        {
            ll = kernel.Pass(accumulate: t < MaxIterations, null, null);
            if (!double.IsFinite(ll))
            {
                collapse = new EmCollapse(t, -1, double.NaN, $"The log-likelihood became {ll}.", true);
                status = FitStatus.Degenerate;
                break;
            }
            if (t > 0) change = (ll - previous) / n;
            if (RecordHistory)
                Recording.Add(history, new EmIteration(t, new MixtureParameters(k, d, w, mu, cov), ll, ll / n, change));
            if (t > 0 && Math.Abs(change) < Tolerance) { status = FitStatus.Converged; break; }
            if (t >= MaxIterations) { status = FitStatus.IterationLimit; break; }

            int lostComponent = kernel.MStep(Regularization, minCount, nextW, nextMu, nextCov);
            if (lostComponent >= 0)
            {
                collapse = new EmCollapse(t + 1, lostComponent, kernel.EffectiveCount(lostComponent),
                    "The component lost its points (its total responsibility N_k fell to about zero).", true);
                status = FitStatus.Degenerate;
                break;
            }
            if (!kernel.TrySetParameters(nextW, nextMu, nextCov, out int singular))
            {
                collapse = new EmCollapse(t + 1, singular, kernel.EffectiveCount(singular),
                    Regularization == 0
                        ? "The covariance became singular: the component shrank onto too few points. Add a diagonal term (regularization > 0) or restart."
                        : "The covariance became singular even with the diagonal term; raise the regularization or use fewer components.", true);
                status = FitStatus.Degenerate;
                // Put back the last valid parameters.
                kernel.TrySetParameters(w, mu, cov, out _);
                break;
            }
            (w, nextW) = (nextW, w);
            (mu, nextMu) = (nextMu, mu);
            (cov, nextCov) = (nextCov, cov);
            previous = ll;
            t++;
        }
        var fitted = new MixtureParameters(k, d, w, mu, cov);
        if (collapse is null && DegenerateComponent(fitted, scale, out double smallest) is int needle and >= 0)
        {
            status = FitStatus.Degenerate;
            collapse = new EmCollapse(t, needle, kernel.EffectiveCount(needle),
                $"Component {needle} is degenerate: its covariance's smallest eigenvalue is {smallest:G3}, the diagonal term λ = {Regularization:G3} plus at most 10⁻⁶ of the data's variance, " +
                "so it sits on too few points to span every direction and its likelihood is as high as λ lets it be. Use a larger regularization in the data's units, fewer components, or other starts (restarts).", false);
        }
        return new GaussianMixtureModel(fitted, n, ll, t, status,
            double.IsNaN(change) ? double.NaN : Math.Abs(change), history, collapse, restart, [], Regularization);
    }

    /// <summary>
    /// Assigns every sample to its nearest seed and writes the ML Gaussians of that split (plus λI).
    /// Returns −1, or a component that got no points.
    /// </summary>
    private int HardSplitStart(double[] xs, int n, int d, int k, int[] seeds, double[] w, double[] mu, double[] cov)
    {
        var label = new int[n];
        var count = new double[k];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            double bestD = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                double d2 = 0;
                for (int a = 0; a < d; a++)
                {
                    double diff = xs[a * n + i] - xs[a * n + seeds[c]];
                    d2 += diff * diff;
                }
                if (d2 < bestD) { bestD = d2; best = c; }
            }
            label[i] = best;
            count[best]++;
        }
        for (int c = 0; c < k; c++)
            if (count[c] == 0) return c;
        Array.Clear(mu);
        Array.Clear(cov);
        for (int i = 0; i < n; i++)
            for (int a = 0; a < d; a++)
                mu[label[i] * d + a] += xs[a * n + i];
        for (int c = 0; c < k; c++)
        {
            w[c] = count[c] / n;
            for (int a = 0; a < d; a++) mu[c * d + a] /= count[c];
        }
        for (int i = 0; i < n; i++)
        {
            int c = label[i];
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++)
                    cov[(c * d + a) * d + b] += (xs[a * n + i] - mu[c * d + a]) * (xs[b * n + i] - mu[c * d + b]);
        }
        for (int c = 0; c < k; c++)
            for (int a = 0; a < d; a++)
            {
                for (int b = 0; b < d; b++) cov[(c * d + a) * d + b] /= count[c];
                cov[(c * d + a) * d + a] += Regularization;
            }
        return -1;
    }
}

/// <summary>One EM iteration: the parameters θ⁽ᵗ⁾ and their log-likelihood ℓ⁽ᵗ⁾ = log p(X | θ⁽ᵗ⁾).</summary>
/// <param name="Iteration">t: 0 is the start, t is after t M-steps.</param>
/// <param name="Parameters">θ⁽ᵗ⁾.</param>
/// <param name="LogLikelihood">ℓ⁽ᵗ⁾ = Σ_i log Σ_k π_k 𝒩(x_i | μ_k, Σ_k).</param>
/// <param name="AverageLogLikelihood">ℓ⁽ᵗ⁾ / N.</param>
/// <param name="Change">(ℓ⁽ᵗ⁾ − ℓ⁽ᵗ⁻¹⁾) / N; NaN at t = 0.</param>
public sealed record EmIteration(int Iteration, MixtureParameters Parameters, double LogLikelihood, double AverageLogLikelihood, double Change);

/// <summary>Why and where an EM run became degenerate: the detail behind a <see cref="FitStatus.Degenerate"/> report.</summary>
/// <param name="Iteration">The M-step (1-based) that produced the degenerate component; 0 for the start.</param>
/// <param name="Component">The component that collapsed (−1 when the whole likelihood broke down).</param>
/// <param name="EffectiveCount">Its total responsibility N_k = Σ_i γ_ik at that point.</param>
/// <param name="Reason">What happened and what to do about it (also the report's message).</param>
/// <param name="StoppedRun">True when the run stopped there (a component lost its points, its covariance became
/// singular, or ℓ became non-finite; the parameters are the last valid ones); false when the run finished and a
/// component is a needle held finite only by λ.</param>
public sealed record EmCollapse(int Iteration, int Component, double EffectiveCount, string Reason, bool StoppedRun);

/// <summary>
/// How an EM run ended — the mixture's <see cref="FitReport"/>: <see cref="FitStatus.Converged"/>,
/// <see cref="FitStatus.IterationLimit"/>, or <see cref="FitStatus.Degenerate"/> with the reason in
/// <see cref="Collapse"/> (a collapse that stopped the run, or a needle component at the end).
/// </summary>
/// <param name="Status">How the run ended.</param>
/// <param name="Iterations">M-steps performed.</param>
/// <param name="Message">What happened and what to do.</param>
/// <param name="FinalChange">|ℓ⁽ᵀ⁾ − ℓ⁽ᵀ⁻¹⁾| / N at the end (NaN if there was no second iteration).</param>
/// <param name="Collapse">What became degenerate, where and why; null unless the status is Degenerate.</param>
public sealed record MixtureFitReport(FitStatus Status, int Iterations, string Message, double FinalChange, EmCollapse? Collapse)
    : FitReport(Status, Iterations, Message);
