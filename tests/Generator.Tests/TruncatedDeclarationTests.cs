using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Neuroslyn.Generator.Tests;

/// <summary>
/// The generator runs on every keystroke: a declaration cut off at any character must never make it throw.
/// </summary>
public sealed class TruncatedDeclarationTests
{
    private const string FashionNet = """
        using Neuroslyn;

        namespace Samples;

        [Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f, Seed = 42)]
        [Dense(256, Activation.ReLU)]
        [Dropout(0.2)]
        [Dense(128, Activation.ReLU)]
        [Dense(10)]
        public partial class FashionNet { }
        """;

    private const string ImageNet = """
        using Neuroslyn;

        namespace Samples;

        [Network(InputShape = new[] { 1, 28, 28 }, Loss = Loss.SoftmaxCrossEntropy)]
        [Conv2D(16, 3, Padding = Padding.Same, Stride = 2, Dilation = 1, Groups = 1, UseBias = false)]
        [BatchNorm(Activation.ReLU)]
        [MaxPool2D(2, Stride = 2, Padding = 1)]
        [AvgPool2D(2)]
        [GlobalAvgPool2D]
        [Flatten]
        [Dense(10)]
        public partial class ImageNet { }
        """;

    private const string ResidualNet = """
        using Neuroslyn;

        namespace Samples;

        [Network(InputShape = new[] { 3, 16, 16 }, Loss = Loss.SoftmaxCrossEntropy)]
        [Conv2D(8, 3, Activation.ReLU, Padding = 1)]
        [Residual(Name = "layer1")]
        [Conv2D(8, 3, Padding = 1, UseBias = false)]
        [BatchNorm(Activation.ReLU)]
        [EndResidual(Activation.LeakyReLU, LeakySlope = 0.1f)]
        [Residual]
        [Conv2D(16, 3, Stride = 2, Padding = 1)]
        [EndResidual(Activation.ReLU)]
        [GlobalAvgPool2D]
        [Dense(10)]
        public partial class ResidualNet { }
        """;

    // The class's own members, base class and constructor are read too (NSL0012): cut off inside them as well.
    private const string MemberNet = """
        using Neuroslyn;

        namespace Samples;

        public class Labelled { protected Labelled(int capacity = 4) { } }

        [Network(Inputs = 4, LearningRate = 1e-3f)]
        [Dense(units: 8, activation: Activation.LeakyReLU, LeakySlope = 0.1f, Name = "fc")]
        [BatchNorm(Epsilon = 1e-5, Momentum = 0.1)]
        [Dropout(0.25)]
        [Dense(2)]
        public partial class MemberNet : Labelled, System.IDisposable
        {
            public MemberNet(string label) : this(seed: 1) => Label = label;
            public string Label { get; } = "";
            public void Dispose() { }
        }
        """;

    [Theory]
    [InlineData(MemberNet, "Samples.MemberNet.45d932b71e4b.g.cs")]
    [InlineData(FashionNet, "Samples.FashionNet.b9b1eb921a71.g.cs")]
    [InlineData(ImageNet, "Samples.ImageNet.8a0d3b95143e.g.cs")]
    [InlineData(ResidualNet, "Samples.ResidualNet.88dd325d9ec0.g.cs")]
    public void Declaration_cut_off_at_any_character_never_makes_the_generator_throw(string declaration, string hintName)
    {
        int start = declaration.IndexOf("[Network", StringComparison.Ordinal);
        GeneratorRun? last = null;

        // One driver for all the prefixes, as in an editor: each run starts from the previous one's state.
        GeneratorDriver driver = GeneratorHarness.CreateDriver();
        for (int length = start; length <= declaration.Length; length++)
        {
            string prefix = declaration.Substring(0, length);
            GeneratorRun run = GeneratorHarness.Run(driver, GeneratorHarness.Compile(prefix));
            driver = run.Driver;
            last = run;

            try
            {
                run.AssertNoGeneratorException();
                Assert.All(run.GeneratorDiagnostics, d => Assert.StartsWith("NSL", d.Id));
                foreach (GeneratedSourceResult source in run.Sources)
                {
                    // Whatever is generated from a prefix is well-formed C#.
                    Assert.Empty(source.SyntaxTree.GetDiagnostics());
                }
            }
            catch (Exception exception)
            {
                throw new Xunit.Sdk.XunitException($"With the source cut off after {length} characters:\n{prefix}\n---\n{exception.Message}");
            }
        }

        // The loop ended on the complete declaration, which is generated.
        Assert.Equal(hintName, Assert.Single(last!.Sources).HintName);
    }
}
