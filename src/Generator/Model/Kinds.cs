namespace Neuroslyn.Generator.Model;

// Mirrors of the runtime's public enums (same names, same numeric values): the generator cannot reference the
// runtime assembly, so the parser maps the attribute's constants onto these.

internal enum ActivationKind
{
    Linear = 0,
    ReLU = 1,
    LeakyReLU = 2,
    Sigmoid = 3,
    Tanh = 4,
    Softmax = 5,
}

internal enum LossKind
{
    MeanSquaredError = 0,
    SoftmaxCrossEntropy = 1,
    BinaryCrossEntropy = 2,
}

internal enum OptimizerKind
{
    Sgd = 0,
    Adam = 1,
}

internal enum InitializerKind
{
    Auto = 0,
    HeUniform = 1,
    HeNormal = 2,
    GlorotUniform = 3,
    GlorotNormal = 4,
}
