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
    # Full-batch gradient descent on the mean cross-entropy. Like the C# side, loss and gradient are evaluated at
    # the start and after every update (301 evaluations), so the loss reported is the one at the final parameters.
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0

    def evaluate(w, b):
        z = X @ w + b
        loss = np.mean(np.logaddexp(0.0, z) - y * z)
        r = 1.0 / (1.0 + np.exp(-z)) - y
        return loss, (X.T @ r) / n, r.mean()

    loss, gw, gb = evaluate(w, b)
    for _ in range(epochs):
        w = w - lr * gw
        b = b - lr * gb
        loss, gw, gb = evaluate(w, b)
    return {"loss": round(float(loss), 10), "w0": round(float(w[0]), 10), "b": round(float(b), 10)}


def gmm_em(X):
    from sklearn.mixture import GaussianMixture
    gm = GaussianMixture(n_components=5, covariance_type="full", tol=0.0, max_iter=100,
                         init_params="random", random_state=0, reg_covar=1e-6)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tol=0 always ends with a ConvergenceWarning
        gm.fit(X)
    return {"iterations": int(gm.n_iter_), "lower_bound": round(float(gm.lower_bound_), 10)}


def lstsq_normal(X, y):
    w = np.linalg.solve(X.T @ X, X.T @ y)
    return {"w0": round(float(w[0]), 10)}


def lstsq_qr(X, y):
    from scipy.linalg import solve_triangular
    q, r = np.linalg.qr(X, mode="reduced")
    w = solve_triangular(r, q.T @ y)
    return {"w0": round(float(w[0]), 10)}


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


def peak_rss():
    # VmHWM of this process image. Not ru_maxrss: Linux carries it across fork+exec, so it would report the
    # parent's peak (the C# harness, after its 1 GiB bandwidth test) instead of this workload's.
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def versions():
    out = {"numpy": np.__version__}
    try:
        import sklearn
        out["sklearn"] = sklearn.__version__
    except ImportError:
        pass
    try:
        from threadpoolctl import threadpool_info
        for pool in threadpool_info():
            out[pool.get("internal_api", "blas")] = "%s, %s threads" % (pool.get("version"), pool.get("num_threads"))
    except ImportError:
        pass
    return out


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
    peak = peak_rss()
    print(json.dumps({"workload": name, "times": times, "peak_rss_bytes": peak, "check": check,
                      "versions": versions()}))


if __name__ == "__main__":
    main()
