using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace ClassicML.Numerics;

/// <summary>
/// Thin SVD <c>X = U·diag(σ)·Vᵀ</c> computed as QR then the SVD of the small square factor, so a tall
/// n × p matrix never builds an n × n U. Keeps the QR factors for the QR solver.
/// </summary>
internal sealed class ThinSvd
{
    private readonly Matrix<double> _smallU;

    private ThinSvd(Matrix<double>? q, Matrix<double>? r, Matrix<double> smallU, Matrix<double> u, double[] s, Matrix<double> v)
    {
        Q = q; R = r; _smallU = smallU; U = u; S = s; V = v;
    }

    /// <summary>Q of the thin QR of X (n × p), when n ≥ p.</summary>
    public Matrix<double>? Q { get; }

    /// <summary>R of the thin QR of X (p × p, upper triangular), when n ≥ p.</summary>
    public Matrix<double>? R { get; }

    /// <summary>Left singular vectors, n × k with k = min(n, p).</summary>
    public Matrix<double> U { get; }

    /// <summary>Singular values, descending, length k.</summary>
    public double[] S { get; }

    /// <summary>Right singular vectors, p × k.</summary>
    public Matrix<double> V { get; }

    public static ThinSvd Of(Matrix<double> x)
    {
        if (x.RowCount >= x.ColumnCount)
        {
            // X = QR and R = Uᵣ Σ Vᵀ, so X = (Q Uᵣ) Σ Vᵀ.
            var qr = x.QR(QRMethod.Thin);
            var q = qr.Q;
            var r = qr.R;
            var svd = r.Svd(computeVectors: true);
            return new ThinSvd(q, r, svd.U, q * svd.U, svd.S.ToArray(), svd.VT.Transpose());
        }
        else
        {
            // Xᵀ = QR, so X = Rᵀ Qᵀ; with Rᵀ = U Σ Wᵀ, X = U Σ (Q W)ᵀ.
            var qr = x.Transpose().QR(QRMethod.Thin);
            var svd = qr.R.Transpose().Svd(computeVectors: true);
            return new ThinSvd(null, null, svd.U, svd.U, svd.S.ToArray(), qr.Q * svd.VT.Transpose());
        }
    }

    /// <summary>
    /// Uᵀy, computed as Uᵣᵀ(Qᵀy) when X = QR (tall case), so the n × k matrix U is only read through Q:
    /// the order of operations the ridge path has always used.
    /// </summary>
    public Vector<double> ProjectOnLeft(Vector<double> y) =>
        Q is null ? _smallU.TransposeThisAndMultiply(y) : _smallU.TransposeThisAndMultiply(Q.TransposeThisAndMultiply(y));
}
