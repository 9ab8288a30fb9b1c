using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Neuroslyn.Generator.Tests;

/// <summary>
/// The pipeline's named steps cache: an edit that does not touch a network leaves every step Cached or Unchanged,
/// and the models are plain values that compare equal across compilations.
/// </summary>
public sealed class CacheTests
{
    // A valid network feeds the Model step, an invalid one the Diagnostics step: every named step has outputs.
    private const string Networks = """
        using Neuroslyn;

        namespace Samples;

        [Network(Inputs = 4, Loss = Loss.SoftmaxCrossEntropy)]
        [Dense(8, Activation.ReLU)]
        [Dropout(0.1)]
        [Dense(3)]
        public partial class ValidNet { }

        [Network(InputShape = new[] { 2, 8, 8 }, Loss = Loss.MeanSquaredError)]
        [Conv2D(4, 3, Activation.ReLU, Padding = Padding.Same)]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(1)]
        public partial class ValidImageNet { }

        [Network(InputShape = new[] { 2, 8, 8 }, Loss = Loss.MeanSquaredError)]
        [Residual]
        [Conv2D(4, 3, Activation.ReLU, Stride = 2, Padding = 1)]
        [EndResidual]
        [Flatten]
        [Dense(1)]
        public partial class ValidResidualNet { }

        [Network(Inputs = 4)]
        [Dense(0)]
        public partial class InvalidNet { }
        """;

    private const string Helpers = """
        namespace Samples;

        public static class Helpers
        {
            public static int Twice(int x)
            {
                return x * 2;
            }
        }
        """;

    private static readonly Type[] s_forbidden =
    [
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SyntaxReference), typeof(Location),
        typeof(Compilation), typeof(SemanticModel), typeof(AttributeData),
    ];

    /// <summary>Every step name the generator declares, read from <see cref="NetworkGenerator.StepNames"/>.</summary>
    private static IEnumerable<string> StepNames => typeof(NetworkGenerator.StepNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(constant => constant.IsLiteral && constant.FieldType == typeof(string))
        .Select(constant => (string)constant.GetRawConstantValue()!);

    [Fact]
    public void Adding_an_unrelated_file_leaves_every_step_cached()
    {
        Compilation compilation = GeneratorHarness.Compile(Networks, Helpers);
        GeneratorRun first = GeneratorHarness.Run(compilation);

        Compilation edited = compilation.AddSyntaxTrees(GeneratorHarness.Parse("namespace Samples; public sealed class Unrelated { }", "Unrelated.cs"));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, edited);

        AssertEveryStepCached(second);
        AssertSameOutput(first, second);
    }

    [Fact]
    public void Editing_an_unrelated_method_body_leaves_every_step_cached()
    {
        Compilation compilation = GeneratorHarness.Compile(Networks, Helpers);
        GeneratorRun first = GeneratorHarness.Run(compilation);

        SyntaxTree helpers = compilation.SyntaxTrees.Single(tree => tree.FilePath == "Source1.cs");
        Compilation edited = compilation.ReplaceSyntaxTree(helpers, GeneratorHarness.Parse(Helpers.Replace("return x * 2;", "return x + x;"), "Source1.cs"));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, edited);

        AssertEveryStepCached(second);
        AssertSameOutput(first, second);
    }

    [Fact]
    public void Editing_a_network_declaration_reruns_the_pipeline()
    {
        // The check above must be able to fail: an edit that matters shows up as a modified step and new output.
        Compilation compilation = GeneratorHarness.Compile(Networks, Helpers);
        GeneratorRun first = GeneratorHarness.Run(compilation);

        SyntaxTree networks = compilation.SyntaxTrees.Single(tree => tree.FilePath == "Source0.cs");
        Compilation edited = compilation.ReplaceSyntaxTree(networks, GeneratorHarness.Parse(Networks.Replace("[Dense(8, Activation.ReLU)]", "[Dense(9, Activation.ReLU)]"), "Source0.cs"));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, edited);

        Assert.Contains(
            second.Generator.TrackedSteps[NetworkGenerator.StepNames.Model].SelectMany(step => step.Outputs),
            output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.NotEqual(first.SourcesByHintName["Samples.ValidNet.60ae74f2bfe3.g.cs"], second.SourcesByHintName["Samples.ValidNet.60ae74f2bfe3.g.cs"]);
    }

    [Fact]
    public void Editing_an_image_network_regenerates_it_and_leaves_the_other_network_as_it_was()
    {
        Compilation compilation = GeneratorHarness.Compile(Networks, Helpers);
        GeneratorRun first = GeneratorHarness.Run(compilation);

        SyntaxTree networks = compilation.SyntaxTrees.Single(tree => tree.FilePath == "Source0.cs");
        Compilation edited = compilation.ReplaceSyntaxTree(networks, GeneratorHarness.Parse(Networks.Replace("[Conv2D(4, 3, Activation.ReLU, Padding = Padding.Same)]", "[Conv2D(4, 3, Activation.ReLU, Padding = 1)]"), "Source0.cs"));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, edited);

        // Padding 1 on a 3 × 3 kernel is "same" at stride 1: the same network, and the model compares equal.
        Assert.Equal(first.SourcesByHintName["Samples.ValidImageNet.62678ca47118.g.cs"], second.SourcesByHintName["Samples.ValidImageNet.62678ca47118.g.cs"]);

        edited = compilation.ReplaceSyntaxTree(networks, GeneratorHarness.Parse(Networks.Replace("[MaxPool2D(2)]", "[MaxPool2D(2, Padding = 1)]"), "Source0.cs"));
        GeneratorRun third = GeneratorHarness.Run(first.Driver, edited);
        Assert.NotEqual(first.SourcesByHintName["Samples.ValidImageNet.62678ca47118.g.cs"], third.SourcesByHintName["Samples.ValidImageNet.62678ca47118.g.cs"]);
        Assert.Equal(first.SourcesByHintName["Samples.ValidNet.60ae74f2bfe3.g.cs"], third.SourcesByHintName["Samples.ValidNet.60ae74f2bfe3.g.cs"]);
    }

    [Fact]
    public void Step_outputs_of_two_separate_compilations_are_equal_values()
    {
        GeneratorRun first = GeneratorHarness.Run(Networks, Helpers);
        GeneratorRun second = GeneratorHarness.Run(Networks, Helpers);

        foreach (string name in StepNames)
        {
            object[] firstValues = OutputValues(first, name);
            object[] secondValues = OutputValues(second, name);
            Assert.NotEmpty(firstValues);
            Assert.Equal(firstValues.Length, secondValues.Length);
            for (int i = 0; i < firstValues.Length; i++)
            {
                // Distinct objects that compare equal: the equality is by value, not by identity.
                Assert.NotSame(firstValues[i], secondValues[i]);
                Assert.True(firstValues[i].Equals(secondValues[i]), $"Step {name}, output {i}: {firstValues[i]} does not equal {secondValues[i]}.");
                Assert.Equal(firstValues[i].GetHashCode(), secondValues[i].GetHashCode());
            }
        }
    }

    [Fact]
    public void No_step_output_holds_a_symbol_syntax_node_location_or_compilation()
    {
        GeneratorRun run = GeneratorHarness.Run(Networks, Helpers);

        foreach (string name in StepNames)
        {
            object[] values = OutputValues(run, name);
            Assert.NotEmpty(values);
            for (int i = 0; i < values.Length; i++)
            {
                AssertPlainData(values[i], $"{name}[{i}]", new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static object[] OutputValues(GeneratorRun run, string stepName)
    {
        Assert.True(run.Generator.TrackedSteps.ContainsKey(stepName), $"The step '{stepName}' did not run: the test's sources should exercise every named step.");
        return run.Generator.TrackedSteps[stepName].SelectMany(step => step.Outputs).Select(output => output.Value).ToArray();
    }

    private static void AssertEveryStepCached(GeneratorRun run)
    {
        ImmutableDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> steps = run.Generator.TrackedSteps;
        foreach (string name in StepNames)
        {
            Assert.True(steps.ContainsKey(name), $"The step '{name}' did not run: the test's sources should exercise every named step.");
            AssertCached(name, steps[name]);
        }

        foreach (KeyValuePair<string, ImmutableArray<IncrementalGeneratorRunStep>> output in run.Generator.TrackedOutputSteps)
        {
            AssertCached(output.Key, output.Value);
        }
    }

    private static void AssertCached(string name, ImmutableArray<IncrementalGeneratorRunStep> runs)
    {
        Assert.NotEmpty(runs);
        foreach (IncrementalGeneratorRunStep step in runs)
        {
            foreach ((object value, IncrementalStepRunReason reason) in step.Outputs)
            {
                Assert.True(
                    reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"Step '{name}' recomputed an output after an unrelated edit ({reason}): {value}");
            }
        }
    }

    private static void AssertSameOutput(GeneratorRun first, GeneratorRun second)
    {
        Assert.Equal(first.SourcesByHintName, second.SourcesByHintName);
        Assert.Equal(first.GeneratorDiagnostics.Select(d => d.ToString()), second.GeneratorDiagnostics.Select(d => d.ToString()));
    }

    /// <summary>
    /// Walks <paramref name="value"/>'s fields, recursively, and fails on anything that would root a compilation:
    /// symbols, syntax, locations, semantic models. Roslyn's <see cref="DiagnosticDescriptor"/> is plain data.
    /// </summary>
    private static void AssertPlainData(object? value, string path, HashSet<object> visited)
    {
        if (value is null)
        {
            return;
        }

        Type type = value.GetType();
        Type? forbidden = s_forbidden.FirstOrDefault(f => f.IsAssignableFrom(type));
        Assert.True(forbidden is null, $"{path} is a {type.FullName}, which is a {forbidden?.Name}: pipeline models must be plain values.");
        if (type.IsPrimitive || type.IsEnum || value is string or decimal or DiagnosticDescriptor)
        {
            return;
        }

        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is Array array)
        {
            for (int i = 0; i < array.Length; i++)
            {
                AssertPlainData(array.GetValue(i), $"{path}[{i}]", visited);
            }

            return;
        }

        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Type? declared = s_forbidden.FirstOrDefault(f => f.IsAssignableFrom(field.FieldType));
                Assert.True(declared is null, $"{path}.{field.Name} is declared as {field.FieldType.FullName}: pipeline models must be plain values.");
                AssertPlainData(field.GetValue(value), $"{path}.{field.Name}", visited);
            }
        }
    }
}
