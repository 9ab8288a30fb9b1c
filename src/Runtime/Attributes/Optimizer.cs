// One definition for the runtime, the generator and the analyzers: the generator and the analyzers cannot reference
// the runtime assembly, so they compile this file in (linked, as System.Text.Json's generator links its options
// types), as the internal OptimizerKind of their model. The attribute's constant and the parser's value are then the same
// number by construction.
#if NEUROSLYN_ROSLYN_COMPONENT
namespace Neuroslyn.Generator.Model;
#else
namespace Neuroslyn;
#endif

/// <summary>The update rule applied after each mini-batch, with PyTorch's formulas.</summary>
#if NEUROSLYN_ROSLYN_COMPONENT
internal enum OptimizerKind
#else
public enum Optimizer
#endif
{
    /// <summary>
    /// Stochastic gradient descent (PyTorch <c>torch.optim.SGD</c>); with
    /// <see cref="NetworkAttribute.Momentum"/> above 0 it is SGD with momentum. Default learning rate 0.01.
    /// </summary>
    Sgd = 0,

    /// <summary>Adam (PyTorch <c>torch.optim.Adam</c>). Default learning rate 0.001.</summary>
    Adam = 1,
}
