using System.Collections.Generic;
using System.Linq;

namespace Neuroslyn.Generator.Tests;

/// <summary>The declarations whose generated source is pinned by a golden file, by the golden file's name.</summary>
internal static class GoldenNetworks
{
    /// <summary>A declaration, and the hint name the generator must give its source.</summary>
    public sealed record Case(string Source, string HintName);

    public static readonly IReadOnlyDictionary<string, Case> All = new Dictionary<string, Case>
    {
        // The sample: 784 -> 256 -> 128 -> 10 with dropout, logits into softmax cross-entropy.
        ["FashionNet"] = new(
            """
            using Neuroslyn;

            namespace Samples;

            [Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f, Seed = 42)]
            [Dense(256, Activation.ReLU)]
            [Dropout(0.2)]
            [Dense(128, Activation.ReLU)]
            [Dense(10)]
            public partial class FashionNet { }
            """,
            "Samples.FashionNet.b9b1eb921a71.g.cs"),

        // The sample's convolutional network: two blocks of a same-padded 3 × 3 convolution without bias, BatchNorm over
        // its channels with ReLU and 2 × 2 max pooling, then Flatten into a dense layer with BatchNorm, dropout and logits.
        ["FashionCnn"] = new(
            """
            using Neuroslyn;

            namespace Samples;

            [Network(InputShape = new[] { 1, 28, 28 }, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 2e-3f, Seed = 42)]
            [Conv2D(16, 3, Padding = Padding.Same, UseBias = false)]
            [BatchNorm(Activation.ReLU)]
            [MaxPool2D(2)]
            [Conv2D(32, 3, Padding = Padding.Same, UseBias = false)]
            [BatchNorm(Activation.ReLU)]
            [MaxPool2D(2)]
            [Flatten]
            [Dense(128, UseBias = false)]
            [BatchNorm(Activation.ReLU)]
            [Dropout(0.3)]
            [Dense(10)]
            public partial class FashionCnn { }
            """,
            "Samples.FashionCnn.d4b22b51776f.g.cs"),

        // A small ResNet: a stem, a basic block with an identity shortcut, one that halves the image and doubles the
        // channels (its shortcut a 1 × 1 convolution at stride 2), global average pooling into the logits.
        ["ResidualNet"] = new(
            """
            using Neuroslyn;

            namespace Samples.Vision;

            [Network(InputShape = new[] { 1, 28, 28 }, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam, Seed = 42)]
            [Conv2D(16, 3, Padding = Padding.Same, UseBias = false)]
            [BatchNorm(Activation.ReLU)]
            [Residual(Name = "layer1")]
            [Conv2D(16, 3, Padding = Padding.Same, UseBias = false)]
            [BatchNorm(Activation.ReLU)]
            [Conv2D(16, 3, Padding = Padding.Same, UseBias = false)]
            [BatchNorm]
            [EndResidual(Activation.ReLU)]
            [Residual(Name = "layer2")]
            [Conv2D(32, 3, Stride = 2, Padding = 1, UseBias = false)]
            [BatchNorm(Activation.ReLU)]
            [Conv2D(32, 3, Padding = Padding.Same, UseBias = false)]
            [BatchNorm]
            [EndResidual(Activation.ReLU)]
            [GlobalAvgPool2D]
            [Dense(10)]
            public partial class ResidualNet { }
            """,
            "Samples.Vision.ResidualNet.d24572c20472.g.cs"),

        // The other image layers: three input channels (transposed to channels-last), a strided grouped convolution, a
        // dilated depthwise one, a pointwise one, average pooling with padding, dropout on an image and global pooling.
        ["ImageLayersNet"] = new(
            """
            using Neuroslyn;

            namespace Samples.Vision;

            [Network(InputShape = new[] { 3, 12, 12 }, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, Momentum = 0.9f, Seed = 5)]
            [Conv2D(8, 3, Activation.Tanh, Stride = 2, Padding = Padding.Same, Groups = 1)]
            [Conv2D(8, 3, Activation.ReLU, Groups = 8, Dilation = 2, Padding = 2)]
            [Conv2D(6, 1, Activation.LeakyReLU, Groups = 2)]
            [AvgPool2D(3, Stride = 1, Padding = 1)]
            [Dropout(0.25)]
            [GlobalAvgPool2D]
            [Dense(2)]
            public partial class ImageLayersNet { }
            """,
            "Samples.Vision.ImageLayersNet.59c77d4219ea.g.cs"),

        // A small regressor: tanh hidden layers, mean squared error, SGD with momentum.
        ["TinyRegressor"] = new(
            """
            using Neuroslyn;

            namespace Samples;

            [Network(Inputs = 2, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, Momentum = 0.9f, Seed = 7)]
            [Dense(16, Activation.Tanh)]
            [Dense(16, Activation.Tanh)]
            [Dense(1)]
            public partial class TinyRegressor { }
            """,
            "Samples.TinyRegressor.562a117ac98c.g.cs"),

        // A dense layer without bias feeding BatchNorm + LeakyReLU, then dropout; a sigmoid output folded into
        // binary cross-entropy; weight decay and gradient clipping.
        ["BatchNormDropoutNet"] = new(
            """
            using Neuroslyn;

            namespace Samples.Tabular;

            [Network(Inputs = 20, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, WeightDecay = 1e-4f, ClipNorm = 1f, Seed = 3)]
            [Dense(32, UseBias = false)]
            [BatchNorm(Activation.LeakyReLU, LeakySlope = 0.2f, Momentum = 0.05, Epsilon = 1e-3)]
            [Dropout(0.5)]
            [Dense(8, Activation.ReLU)]
            [Dense(1, Activation.Sigmoid)]
            public partial class BatchNormDropoutNet { }
            """,
            "Samples.Tabular.BatchNormDropoutNet.ad32f259b4f5.g.cs"),

        // Softmax on the output layer with softmax cross-entropy: folded into the loss in training only.
        ["SoftmaxOutputNet"] = new(
            """
            using Neuroslyn;

            namespace Samples;

            [Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Sgd, LearningRate = 0.1f)]
            [Dense(32, Activation.Sigmoid, Initializer = Initializer.GlorotNormal)]
            [Dense(10, Activation.Softmax)]
            public partial class SoftmaxOutputNet { }
            """,
            "Samples.SoftmaxOutputNet.316a391c9a9c.g.cs"),

        // A network nested in a partial class of the global namespace: no namespace block, one enclosing type.
        ["NestedInGlobalNamespace"] = new(
            """
            using Neuroslyn;

            /// <summary>Holds a network.</summary>
            public partial class Models
            {
                [Network(Inputs = 3, Loss = Loss.BinaryCrossEntropy)]
                [Dense(4, Activation.ReLU)]
                [Dense(2)]
                public partial class XorNet { }
            }
            """,
            "Models.XorNet.47e6016eec08.g.cs"),

        // Enclosing types of other kinds: a class in a record struct in a class.
        ["NestedInRecordStruct"] = new(
            """
            using Neuroslyn;

            namespace Samples
            {
                /// <summary>Holds a record struct.</summary>
                public partial class Zoo
                {
                    /// <summary>Holds a network.</summary>
                    public partial record struct Cage
                    {
                        [Network(Inputs = 5, Optimizer = Optimizer.Sgd)]
                        [Dense(3, Activation.LeakyReLU, LeakySlope = 0.1f)]
                        [Dense(1)]
                        internal partial class Keeper { }
                    }
                }
            }
            """,
            "Samples.Zoo.Cage.Keeper.93c1700a23fa.g.cs"),

        // A monitored network: the training forward pass hands each layer's output to the training monitor.
        ["MonitoredNet"] = new(
            """
            using Neuroslyn;

            namespace Samples;

            [Network(Inputs = 4, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Sgd, LearningRate = 0.1f, Monitor = true)]
            [Dense(8, Activation.ReLU)]
            [Dropout(0.5)]
            [Dense(6, Activation.Sigmoid)]
            [Dense(3)]
            public partial class MonitoredNet { }
            """,
            "Samples.MonitoredNet.9951afb91c2c.g.cs"),
    };

    public static IEnumerable<object[]> Names => All.Keys.Select(name => new object[] { name });
}
