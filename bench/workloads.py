"""The Python side of the ClassicML benchmarks: numpy / scikit-learn running the same workloads as the
C# harness, on the same float64 data (raw little-endian files written by the harness).

Usage: python3 bench/workloads.py <workload> <data-dir> <repeats>
Prints one JSON object: {"workload", "times": [seconds...], "peak_rss_bytes", "check": ...}.
Each workload runs in a fresh process so its peak memory is its own.
"""
import json
import os
import resource
import sys
import time

import numpy as np


def load(data_dir, name, rows, cols):
    a = np.fromfile(os.path.join(data_dir, name), dtype="<f8")
    return a.reshape(rows, cols) if cols > 1 else a


def logistic_gd(X, y, epochs=300, lr=0.1):
    # Full-batch gradient descent on the mean cross-entropy, loss evaluated every epoch (as the C# side does).
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    loss = 0.0
    for _ in range(epochs):
        z = X @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        loss = np.mean(np.logaddexp(0.0, z) - y * z)
        r = p - y
        w -= lr * (X.T @ r) / n
        b -= lr * r.mean()
    return {"loss": float(loss), "w0": float(w[0]), "b": float(b)}


def gmm_em(X):
    from sklearn.mixture import GaussianMixture
    gm = GaussianMixture(n_components=5, covariance_type="full", tol=0.0, max_iter=100,
                         init_params="random", random_state=0, reg_covar=1e-6)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tol=0 always ends with a ConvergenceWarning
        gm.fit(X)
    return {"iterations": int(gm.n_iter_), "lower_bound": float(gm.lower_bound_)}


def lstsq_normal(X, y):
    w = np.linalg.solve(X.T @ X, X.T @ y)
    return {"w0": float(w[0])}


def lstsq_qr(X, y):
    from scipy.linalg import solve_triangular
    q, r = np.linalg.qr(X, mode="reduced")
    w = solve_triangular(r, q.T @ y)
    return {"w0": float(w[0])}


WORKLOADS = {
    "logistic-1M-x2": lambda d: (lambda X, y: lambda: logistic_gd(X, y))(
        load(d, "logistic_1M_2.X.f64", 1_000_000, 2), load(d, "logistic_1M_2.y.f64", 1_000_000, 1)),
    "logistic-100k-x50": lambda d: (lambda X, y: lambda: logistic_gd(X, y))(
        load(d, "logistic_100k_50.X.f64", 100_000, 50), load(d, "logistic_100k_50.y.f64", 100_000, 1)),
    "gmm-200k-k5": lambda d: (lambda X: lambda: gmm_em(X))(load(d, "gmm_200k_2.X.f64", 200_000, 2)),
    "lstsq-normal-1M-x20": lambda d: (lambda X, y: lambda: lstsq_normal(X, y))(
        load(d, "lstsq_1M_20.X.f64", 1_000_000, 20), load(d, "lstsq_1M_20.y.f64", 1_000_000, 1)),
    "lstsq-qr-1M-x20": lambda d: (lambda X, y: lambda: lstsq_qr(X, y))(
        load(d, "lstsq_1M_20.X.f64", 1_000_000, 20), load(d, "lstsq_1M_20.y.f64", 1_000_000, 1)),
}


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in WORKLOADS:
        sys.exit("usage: workloads.py <%s> <data-dir> <repeats>" % "|".join(WORKLOADS))
    name, data_dir, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
    run = WORKLOADS[name](data_dir)
    check = run()  # warm-up, also the value compared with the C# side
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    print(json.dumps({"workload": name, "times": times, "peak_rss_bytes": peak, "check": check,
                      "versions": {"numpy": np.__version__}}))


if __name__ == "__main__":
    main()
