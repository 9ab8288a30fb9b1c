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

    [Fact]
    public void Declaration_cut_off_at_any_character_never_makes_the_generator_throw()
    {
        int start = FashionNet.IndexOf("[Network", StringComparison.Ordinal);
        GeneratorRun? last = null;

        // One driver for all the prefixes, as in an editor: each run starts from the previous one's state.
        GeneratorDriver driver = GeneratorHarness.CreateDriver();
        for (int length = start; length <= FashionNet.Length; length++)
        {
            string prefix = FashionNet.Substring(0, length);
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
        Assert.Equal("Samples.FashionNet.g.cs", Assert.Single(last!.Sources).HintName);
    }
}
