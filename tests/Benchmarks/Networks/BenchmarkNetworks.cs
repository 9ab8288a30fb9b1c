using Neuroslyn;

namespace Neuroslyn.Benchmarks.Networks;

// The networks the benchmarks measure, declared with the attributes so that the generated code is what runs.

/// <summary>W1, W2, W3: 784-128-64-10, ReLU, ReLU, logits; softmax cross-entropy, Adam lr 1e-3.</summary>
[Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f, Seed = 42)]
[Dense(128, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(10)]
public partial class MlpNet { }

/// <summary>W4: the tiny 2-16-16-1 tanh regressor.</summary>
[Network(Inputs = 2, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, Seed = 42)]
[Dense(16, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(1)]
public partial class TinyNet { }

/// <summary>
/// Kernel efficiency: three 1024 x 1024 dense layers, so the matrix products dominate and their FLOPs are known
/// (see <see cref="Workloads.KernelEfficiency"/>).
/// </summary>
[Network(Inputs = 1024, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, Seed = 42)]
[Dense(1024, Activation.ReLU)]
[Dense(1024, Activation.ReLU)]
[Dense(1024)]
public partial class LargeNet { }

/// <summary>Monitor cost: the sample's FashionNet shape with the forward pass handed to a <see cref="Training.TrainingMonitor"/>.</summary>
[Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f, Seed = 42, Monitor = true)]
[Dense(256, Activation.ReLU)]
[Dropout(0.2)]
[Dense(128, Activation.ReLU)]
[Dense(10)]
public partial class MonitoredFashionNet { }

/// <summary>Monitor cost baseline: the same network without <c>Monitor = true</c>.</summary>
[Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f, Seed = 42)]
[Dense(256, Activation.ReLU)]
[Dropout(0.2)]
[Dense(128, Activation.ReLU)]
[Dense(10)]
public partial class PlainFashionNet { }

/// <summary>
/// W5, W6, W7: the CNN on 1×28×28 images, PyTorch's <c>nn.Sequential(Conv2d(1, 32, 3, padding=1), ReLU,
/// MaxPool2d(2), Conv2d(32, 64, 3, padding=1), ReLU, MaxPool2d(2), Flatten, Linear(3136, 128), ReLU, Linear(128, 10))</c>
/// (peers/models.py's <c>cnn_network</c>); softmax cross-entropy, Adam lr 1e-3.
/// </summary>
[Network(InputShape = new[] { 1, 28, 28 }, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f, Seed = 42)]
[Conv2D(32, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(64, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Flatten]
[Dense(128, Activation.ReLU)]
[Dense(10)]
public partial class CnnNet { }
