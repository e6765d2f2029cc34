using MathNet.Numerics.LinearAlgebra;

namespace ClassicML.Regularization;

/// <summary>A fitted penalised linear model ŷ = Xw + b (the <see cref="IRegressor"/> of this topic; b unpenalised).</summary>
public interface ILinearModel : IRegressor
{
}

/// <summary>Helpers shared by the fitted linear models.</summary>
public static class LinearModels
{
    /// <summary>ŷ = Xw + b, after checking that X has one column per weight and only finite entries.</summary>
    public static Vector<double> Predict(Matrix<double> x, Vector<double> w, double b)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.ColumnCount != w.Count)
            throw new ArgumentException($"x has {x.ColumnCount} columns but the model has {w.Count} weights; pass the same features it was fitted on.", nameof(x));
        Guard.Finite(x, nameof(x));
        return x * w + b;
    }

    /// <summary>The mean squared error (1/n)‖y − ŷ‖² of a model on (X, y).</summary>
    public static double MeanSquaredError(this ILinearModel model, Matrix<double> x, Vector<double> y)
    {
        ArgumentNullException.ThrowIfNull(model);
        Guard.Design(x, y);
        var r = y - model.Predict(x);
        return r.DotProduct(r) / y.Count;
    }

    /// <summary>How many weights are exactly 0.0.</summary>
    public static int ZeroCount(this ILinearModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Coefficients.Count(v => v == 0.0);
    }
}
