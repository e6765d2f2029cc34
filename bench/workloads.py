"""The Python side of the ClassicML benchmarks: numpy / SciPy / scikit-learn running the same workloads as the
C# harness, on the same float64 data (raw little-endian files written by the harness, artifacts/bench-data).

Usage: python3 bench/workloads.py <workload> <variant> <data-dir> <repeats> [--rows N] [--no-warmup]
       python3 bench/workloads.py --list
Prints one JSON object: {"workload", "variant", "rows", "times": [seconds...], "peak_rss_bytes", "check", "versions"}.

Every workload has several variants for the same answer (the check values agree to 10 digits): the code a reader
recognises ("as written", scikit-learn) and the fastest numpy/SciPy code we know how to write. The harness judges
ClassicML against the fastest variant. Improve them here: a faster variant that gives the same answer is welcome.
Each variant runs in a fresh process so its peak memory is its own.
"""
import json
import os
import resource
import sys
import time

import numpy as np

# workload -> (file stem, default rows, columns)
SHAPES = {
    "logistic-1M-x2": ("logistic", 1_000_000, 2),
    "logistic-100k-x50": ("logistic", 100_000, 50),
    "gmm-200k-k5": ("gmm", 200_000, 2),
    "lstsq-normal-1M-x20": ("lstsq", 1_000_000, 20),
    "lstsq-qr-1M-x20": ("lstsq", 1_000_000, 20),
}

EPOCHS, LEARNING_RATE = 300, 0.1
GMM_K, GMM_ITERATIONS, GMM_REG = 5, 100, 1e-6


def load(data_dir, stem, rows, cols, part):
    a = np.fromfile(os.path.join(data_dir, "%s_%dx%d.%s.f64" % (stem, rows, cols, part)), dtype="<f8")
    return a.reshape(rows, cols) if part == "X" else a


def r10(v):
    return round(float(v), 10)


# ----------------------------------------------------------------------------------------------------------------
# Logistic regression: full-batch gradient descent on the mean cross-entropy, α = 0.1, 300 epochs from zero. Loss and
# gradient are evaluated at the start and after every update (301 evaluations), as on the C# side.

def logistic_as_written(X, y):
    """The textbook numpy: temporaries everywhere, np.logaddexp for a saturation-safe loss."""
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0

    def evaluate(w, b):
        z = X @ w + b
        loss = np.mean(np.logaddexp(0.0, z) - y * z)
        r = 1.0 / (1.0 + np.exp(-z)) - y
        return loss, (X.T @ r) / n, r.mean()

    loss, gw, gb = evaluate(w, b)
    for _ in range(EPOCHS):
        w = w - LEARNING_RATE * gw
        b = b - LEARNING_RATE * gb
        loss, gw, gb = evaluate(w, b)
    return {"loss": r10(loss), "w0": r10(w[0]), "b": r10(b)}


def logistic_tight(X, y):
    """Preallocated buffers and in-place ufuncs (out=), no temporaries: ten passes over N-long buffers per epoch.
    Loss Σ log1p(e^(−z)) + (1 − y)z: exact for moderate z, but e^(−z) overflows to inf for z < −709 (not saturation
    safe; fine on this data, where |z| stays small)."""
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    z = np.empty(n)
    t = np.empty(n)
    gw = np.empty(d)
    one_minus_y = 1.0 - y

    def evaluate(w, b):
        np.dot(X, w, out=z)
        np.add(z, b, out=z)
        np.negative(z, out=t)
        np.exp(t, out=t)                      # e^(−z)
        loss = (np.log1p(t).sum() + np.dot(one_minus_y, z)) / n
        np.add(t, 1.0, out=t)
        np.reciprocal(t, out=t)               # σ(z)
        np.subtract(t, y, out=t)              # residual
        np.dot(t, X, out=gw)
        np.divide(gw, n, out=gw)
        return loss, gw, t.sum() / n

    loss, gw_, gb = evaluate(w, b)
    for _ in range(EPOCHS):
        w -= LEARNING_RATE * gw_
        b -= LEARNING_RATE * gb
        loss, gw_, gb = evaluate(w, b)
    return {"loss": r10(loss), "w0": r10(w[0]), "b": r10(b)}


def logistic_tight_safe(X, y):
    """As logistic_tight, with the fully saturation-safe loss and sigmoid of the C# kernel: e = e^(−|z|) ≤ 1,
    loss = max(s, 0) + log1p(e) with s = (1 − 2y)z, σ = 1/(1 + e) for z ≥ 0 and e/(1 + e) otherwise."""
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    z, e, u, s = np.empty(n), np.empty(n), np.empty(n), np.empty(n)
    mask = np.empty(n, dtype=bool)
    gw = np.empty(d)
    sign = 1.0 - 2.0 * y

    def evaluate(w, b):
        np.dot(X, w, out=z)
        np.add(z, b, out=z)
        np.abs(z, out=e)
        np.negative(e, out=e)
        np.exp(e, out=e)                      # e^(−|z|) ∈ (0, 1]
        np.multiply(sign, z, out=s)
        np.maximum(s, 0.0, out=s)
        loss = (s.sum() + np.log1p(e, out=u).sum()) / n
        np.add(e, 1.0, out=u)
        np.reciprocal(u, out=u)               # 1/(1 + e)
        np.multiply(e, u, out=e)              # e/(1 + e)
        np.greater_equal(z, 0.0, out=mask)
        np.copyto(e, u, where=mask)           # σ(z)
        np.subtract(e, y, out=e)
        np.dot(e, X, out=gw)
        np.divide(gw, n, out=gw)
        return loss, gw, e.sum() / n

    loss, gw_, gb = evaluate(w, b)
    for _ in range(EPOCHS):
        w -= LEARNING_RATE * gw_
        b -= LEARNING_RATE * gb
        loss, gw_, gb = evaluate(w, b)
    return {"loss": r10(loss), "w0": r10(w[0]), "b": r10(b)}


def logistic_tight_threads(X, y, threads=None):
    """logistic_tight with the elementwise work split over the cores: numpy's ufuncs release the GIL, so one thread
    per row chunk runs them in parallel (OpenBLAS already uses every core for the two matrix–vector products).
    Each chunk's partial loss, gradient and residual sum are added in chunk order."""
    from concurrent.futures import ThreadPoolExecutor
    threads = threads or os.cpu_count() or 1
    n, d = X.shape
    bounds = [(n * i // threads, n * (i + 1) // threads) for i in range(threads)]
    w = np.zeros(d)
    b = 0.0
    z, t = np.empty(n), np.empty(n)
    one_minus_y = 1.0 - y
    pool = ThreadPoolExecutor(threads)

    def chunk(lo, hi, w, b):
        zc, tc, Xc = z[lo:hi], t[lo:hi], X[lo:hi]
        np.dot(Xc, w, out=zc)
        zc += b
        np.negative(zc, out=tc)
        np.exp(tc, out=tc)
        loss = np.log1p(tc).sum() + np.dot(one_minus_y[lo:hi], zc)
        tc += 1.0
        np.reciprocal(tc, out=tc)
        tc -= y[lo:hi]
        return loss, np.dot(tc, Xc), tc.sum()

    def evaluate(w, b):
        parts = list(pool.map(lambda lh: chunk(lh[0], lh[1], w, b), bounds))
        loss = sum(p[0] for p in parts) / n
        gw = sum(p[1] for p in parts) / n
        return loss, gw, sum(p[2] for p in parts) / n

    try:
        loss, gw, gb = evaluate(w, b)
        for _ in range(EPOCHS):
            w = w - LEARNING_RATE * gw
            b -= LEARNING_RATE * gb
            loss, gw, gb = evaluate(w, b)
    finally:
        pool.shutdown()
    return {"loss": r10(loss), "w0": r10(w[0]), "b": r10(b)}


# ----------------------------------------------------------------------------------------------------------------
# Gaussian mixture EM: K = 5 full covariances, 100 iterations, tolerance 0, λ = 1e-6 on the diagonal.

def gmm_sklearn(X):
    """scikit-learn's GaussianMixture (its own start: random responsibilities, then an M-step)."""
    from sklearn.mixture import GaussianMixture
    import warnings
    gm = GaussianMixture(n_components=GMM_K, covariance_type="full", tol=0.0, max_iter=GMM_ITERATIONS,
                         init_params="random", random_state=0, reg_covar=GMM_REG)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tol=0 always ends with a ConvergenceWarning
        gm.fit(X)
    return {"iterations": int(gm.n_iter_), "lower_bound": r10(gm.lower_bound_)}


def gmm_numpy(X):
    """EM in a K×n layout, one matrix product per step, for D = 2. With the features Φ = [x₁², x₁x₂, x₂², x₁, x₂, 1]
    (6×n, once), the log-densities of all components are one product A·Φ (A is K×6: −½P, Pμ and the constant, with
    P = Σ⁻¹), and the M-step sums Σγ, Σγx, Σγxxᵀ are one product Γ·Φᵀ. The start assigns every point to its
    nearest of the rows 0..K−1 (one from each cluster) and takes that hard split's Gaussians. After 100 iterations
    the mean log-likelihood (at the final parameters, one more E-step) is the check value."""
    n = X.shape[0]
    x1, x2 = X[:, 0].copy(), X[:, 1].copy()
    phi = np.vstack([x1 * x1, x1 * x2, x2 * x2, x1, x2, np.ones(n)])  # 6×n
    seeds = X[:GMM_K]
    label = np.argmin(((X[:, None, :] - seeds[None, :, :]) ** 2).sum(axis=2), axis=1)
    resp = np.zeros((GMM_K, n))
    resp[label, np.arange(n)] = 1.0
    logp = np.empty((GMM_K, n))
    a = np.empty((GMM_K, 6))
    m = np.empty(n)
    s = np.empty(n)

    def m_step(resp):
        sums = resp @ phi.T                              # K×6: Σγx₁², Σγx₁x₂, Σγx₂², Σγx₁, Σγx₂, Σγ
        nk = sums[:, 5]
        mu = sums[:, 3:5] / nk[:, None]
        c11 = sums[:, 0] / nk - mu[:, 0] ** 2 + GMM_REG
        c12 = sums[:, 1] / nk - mu[:, 0] * mu[:, 1]
        c22 = sums[:, 2] / nk - mu[:, 1] ** 2 + GMM_REG
        return nk / n, mu, c11, c12, c22

    def e_step(weights, mu, c11, c12, c22):
        det = c11 * c22 - c12 * c12
        p11, p12, p22 = c22 / det, -c12 / det, c11 / det                     # P = Σ⁻¹
        q1 = p11 * mu[:, 0] + p12 * mu[:, 1]                                 # Pμ
        q2 = p12 * mu[:, 0] + p22 * mu[:, 1]
        a[:, 0], a[:, 1], a[:, 2], a[:, 3], a[:, 4] = -0.5 * p11, -p12, -0.5 * p22, q1, q2
        a[:, 5] = np.log(weights) - np.log(2 * np.pi) - 0.5 * np.log(det) - 0.5 * (q1 * mu[:, 0] + q2 * mu[:, 1])
        np.dot(a, phi, out=logp)                         # K×n log π_k 𝒩(x | μ_k, Σ_k)
        np.max(logp, axis=0, out=m)
        np.subtract(logp, m, out=logp)
        np.exp(logp, out=logp)
        np.sum(logp, axis=0, out=s)
        ll = np.log(s).sum() + m.sum()
        np.divide(logp, s, out=logp)                     # responsibilities
        return ll

    params = m_step(resp)
    for _ in range(GMM_ITERATIONS):
        e_step(*params)
        params = m_step(logp)
    ll = e_step(*params)
    return {"iterations": GMM_ITERATIONS, "lower_bound": r10(ll / n)}


# ----------------------------------------------------------------------------------------------------------------
# Least squares without intercept, min ‖Xw − y‖².

def lstsq_normal(X, y):
    """np.linalg.solve(XᵀX, Xᵀy): numpy calls OpenBLAS's SYRK for X.T @ X."""
    w = np.linalg.solve(X.T @ X, X.T @ y)
    return {"w0": r10(w[0])}


def lstsq_qr_numpy(X, y):
    """The textbook QR: np.linalg.qr builds the full n×p Q (LAPACK dorgqr), then Qᵀy."""
    from scipy.linalg import solve_triangular
    q, r = np.linalg.qr(X, mode="reduced")
    w = solve_triangular(r, q.T @ y)
    return {"w0": r10(w[0])}


def lstsq_qr_scipy_r(X, y):
    """R only: LAPACK dgeqrf on [X | y] (built in Fortran order, overwritten in place, no finiteness pass); the last
    column of R is [Qᵀy; ±‖residual‖], so Q is never formed."""
    from scipy.linalg import qr, solve_triangular
    n, p = X.shape
    a = np.empty((n, p + 1), order="F")
    a[:, :p] = X
    a[:, p] = y
    r = qr(a, mode="r", overwrite_a=True, check_finite=False)[0]
    w = solve_triangular(r[:p, :p], r[:p, p], check_finite=False)
    return {"w0": r10(w[0])}


# workload -> variant -> (description, function)
VARIANTS = {
    "logistic-1M-x2": {
        "numpy-as-written": logistic_as_written,
        "numpy-tight": logistic_tight,
        "numpy-tight-safe": logistic_tight_safe,
        "numpy-tight-threads": logistic_tight_threads,
    },
    "gmm-200k-k5": {
        "sklearn": gmm_sklearn,
        "numpy-em": gmm_numpy,
    },
    "lstsq-normal-1M-x20": {
        "numpy": lstsq_normal,
    },
    "lstsq-qr-1M-x20": {
        "numpy-qr": lstsq_qr_numpy,
        "scipy-qr-r": lstsq_qr_scipy_r,
    },
}
VARIANTS["logistic-100k-x50"] = dict(VARIANTS["logistic-1M-x2"])


def peak_rss():
    # VmHWM of this process image. Not ru_maxrss: Linux carries it across fork+exec, so it would report the
    # parent's peak instead of this workload's.
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def versions():
    import scipy
    out = {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__}
    try:
        import sklearn
        out["sklearn"] = sklearn.__version__
    except ImportError:
        pass
    try:
        from threadpoolctl import threadpool_info
        out["threadpools"] = [{k: pool.get(k) for k in ("internal_api", "version", "architecture", "threading_layer", "num_threads")}
                              for pool in threadpool_info()]
    except ImportError:
        out["threadpools"] = "threadpoolctl not installed"
    out["env"] = {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS") if k in os.environ}
    return out


def main(argv):
    if argv[1:] == ["--list"]:
        print(json.dumps({w: list(v) for w, v in VARIANTS.items()}))
        return
    args = [a for a in argv[1:] if not a.startswith("--")]
    rows = None
    if "--rows" in argv:
        rows = int(argv[argv.index("--rows") + 1])
        args.remove(str(rows))
    if len(args) != 4 or args[0] not in VARIANTS or args[1] not in VARIANTS[args[0]]:
        sys.exit("usage: workloads.py <workload> <variant> <data-dir> <repeats> [--rows N] [--no-warmup]\n%s"
                 % json.dumps({w: list(v) for w, v in VARIANTS.items()}))
    name, variant, data_dir, repeats = args[0], args[1], args[2], int(args[3])
    stem, default_rows, cols = SHAPES[name]
    rows = rows or default_rows
    X = load(data_dir, stem, rows, cols, "X")
    inputs = (X,) if stem == "gmm" else (X, load(data_dir, stem, rows, cols, "y"))
    fn = VARIANTS[name][variant]
    times = []
    check = None
    if "--no-warmup" not in argv:
        check = fn(*inputs)  # warm-up (page faults, caches), also the value compared with the C# side
    for _ in range(repeats):
        t0 = time.perf_counter()
        c = fn(*inputs)
        times.append(time.perf_counter() - t0)
        check = check or c
    print(json.dumps({"workload": name, "variant": variant, "rows": rows, "times": times, "peak_rss_bytes": peak_rss(),
                      "check": check, "versions": versions()}))


if __name__ == "__main__":
    main(sys.argv)
