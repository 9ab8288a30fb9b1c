namespace Neuroslyn;

/// <summary>The update rule applied after each mini-batch, with PyTorch's formulas.</summary>
public enum Optimizer
{
    /// <summary>
    /// Stochastic gradient descent (PyTorch <c>torch.optim.SGD</c>); with
    /// <see cref="NetworkAttribute.Momentum"/> above 0 it is SGD with momentum. Default learning rate 0.01.
    /// </summary>
    Sgd = 0,

    /// <summary>Adam (PyTorch <c>torch.optim.Adam</c>). Default learning rate 0.001.</summary>
    Adam = 1,
}
