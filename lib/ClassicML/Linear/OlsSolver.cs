namespace ClassicML.Linear;

/// <summary>How <see cref="LinearRegression"/> solves the least-squares problem <c>min ‖Xw − y‖²</c>.</summary>
public enum OlsSolver
{
    /// <summary>
    /// The article's formula taken literally: <c>w = (XᵀX)⁻¹·Xᵀy</c> with an explicit (LU) inverse.
    /// Taught, not recommended: forming XᵀX squares the condition number, cond(XᵀX) = cond(X)², and the
    /// inverse adds its own rounding on top of that, so this is the least accurate of the four.
    /// </summary>
    ExplicitInverse,

    /// <summary>
    /// Solves the normal equation <c>XᵀX·w = Xᵀy</c> through the Cholesky factor <c>XᵀX = LLᵀ</c>
    /// (two triangular solves, no inverse). Fast, but still pays for cond(X)².
    /// </summary>
    Cholesky,

    /// <summary>
    /// Householder QR of X itself, <c>X = QR</c>, then <c>Rw = Qᵀy</c> by back substitution.
    /// Never forms XᵀX, so its error grows with cond(X), not cond(X)². The default.
    /// </summary>
    HouseholderQr,

    /// <summary>
    /// Singular value decomposition <c>X = UΣVᵀ</c> and the pseudo-inverse <c>w = VΣ⁺Uᵀy</c>, where singular
    /// values at or below the tolerance count as zero. The only solver that answers rank-deficient or
    /// underdetermined problems: it returns the minimum-norm minimiser.
    /// </summary>
    Svd,
}
