using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

using Neuroslyn.Generator.Tests;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>
/// Each invalid declaration gives exactly one error, at the marked span, with the numbers involved in its message,
/// and no source for that class, while a valid network in the same compilation is still generated. The parser finds
/// the error; the analyzers report it (so pragmas and .editorconfig severities apply) and the generator reports
/// nothing.
/// </summary>
public sealed partial class DeclarationErrorTests
{
    private const string ValidNetwork = """
        using Neuroslyn;

        namespace Samples;

        [Network(Inputs = 4)]
        [Dense(2)]
        public partial class ValidNet { }
        """;

    private const string ValidHintName = "Samples.ValidNet.60ae74f2bfe3.g.cs";

    // NSL0001

    [Fact]
    public void Class_that_is_not_partial_is_NSL0001()
        => AssertSingleError(
            """
            using Neuroslyn;
            [[|Network(Inputs = 4)|]]
            [Dense(2)]
            public class PlainNet { }
            """,
            "NSL0001",
            "'PlainNet' has [Network] but is not partial");

    // NSL0002

    [Fact]
    public void Generic_class_is_NSL0002()
        => AssertSingleError(
            """
            using Neuroslyn;
            [[|Network(Inputs = 4)|]]
            [Dense(2)]
            public partial class GenericNet<T> { }
            """,
            "NSL0002",
            "'GenericNet' cannot hold a generated network: generic classes are not supported");

    [Fact]
    public void Class_nested_in_a_generic_class_is_NSL0002()
        => AssertSingleError(
            """
            using Neuroslyn;
            public partial class Outer<T>
            {
                [[|Network(Inputs = 4)|]]
                [Dense(2)]
                public partial class InnerNet { }
            }
            """,
            "NSL0002",
            "'InnerNet' cannot hold a generated network: it is nested in the generic type 'Outer'");

    [Fact]
    public void Class_nested_two_levels_inside_a_generic_class_names_the_generic_class()
        => AssertSingleError(
            """
            using Neuroslyn;
            public partial class Outer<T>
            {
                public partial class Middle
                {
                    [[|Network(Inputs = 4)|]]
                    [Dense(2)]
                    public partial class InnerNet { }
                }
            }
            """,
            "NSL0002",
            "'InnerNet' cannot hold a generated network: it is nested in the generic type 'Outer'");

    [Fact]
    public void Class_nested_in_a_class_that_is_not_partial_is_NSL0002()
        => AssertSingleError(
            """
            using Neuroslyn;
            public class Outer
            {
                [[|Network(Inputs = 4)|]]
                [Dense(2)]
                public partial class InnerNet { }
            }
            """,
            "NSL0002",
            "'InnerNet' cannot hold a generated network: it is nested in 'Outer', which is not partial");

    [Fact]
    public void Static_class_is_NSL0002()
        => AssertSingleError(
            """
            using Neuroslyn;
            [[|Network(Inputs = 4)|]]
            [Dense(2)]
            public static partial class StaticNet { }
            """,
            "NSL0002",
            "'StaticNet' cannot hold a generated network: a static class cannot be instantiated");

    [Fact]
    public void Abstract_class_is_NSL0002()
        => AssertSingleError(
            """
            using Neuroslyn;
            [[|Network(Inputs = 4)|]]
            [Dense(2)]
            public abstract partial class AbstractNet { }
            """,
            "NSL0002",
            "'AbstractNet' cannot hold a generated network: an abstract class cannot be instantiated");

    [Fact]
    public void Record_is_NSL0002()
        => AssertSingleError(
            """
            using Neuroslyn;
            [[|Network(Inputs = 4)|]]
            [Dense(2)]
            public partial record RecordNet;
            """,
            "NSL0002",
            "'RecordNet' cannot hold a generated network: records are not supported; declare a partial class");

    [Fact]
    public void Record_that_is_not_partial_is_NSL0002_rather_than_NSL0001()
        => AssertSingleError(
            """
            using Neuroslyn;
            [[|Network(Inputs = 4)|]]
            [Dense(2)]
            public record RecordNet(int Seed);
            """,
            "NSL0002",
            "records are not supported; declare a partial class");

    [Theory]
    [InlineData("Predict")]
    [InlineData("Forward")]
    [InlineData("Tensors")]
    [InlineData("TrainingBuffers")]
    [InlineData("_velocity")] // reserved with Adam too: changing the optimizer never makes a name invalid
    [InlineData("Dense0Shape")] // a Dense layer's shape struct
    [InlineData("Dense1Shape")]
    public void Class_named_like_a_generated_member_is_NSL0002(string name)
        => AssertSingleError(
            $$"""
            using Neuroslyn;
            [[|Network(Inputs = 4)|]]
            [Dense(8, Activation.ReLU)]
            [Dense(2)]
            public partial class {{name}} { }
            """,
            "NSL0002",
            $"'{name}' cannot hold a generated network: the generated class has a member named '{name}'; rename the class");

    [Theory]
    [InlineData("namespace N { [[|Network(Inputs = 4)|]] [Dense(2)] public partial class @var { } }", "var", "the type 'N.var'")]
    [InlineData("namespace N { public partial class @var { [[|Network(Inputs = 4)|]] [Dense(2)] public partial class KeywordNet { } } }", "var", "the type 'N.var'")]
    [InlineData("namespace N.@nameof { [[|Network(Inputs = 4)|]] [Dense(2)] public partial class KeywordNet { } }", "nameof", "the namespace 'N.nameof'")]
    [InlineData("namespace N { public partial class Outer { public class @var { } [[|Network(Inputs = 4)|]] [Dense(2)] public partial class KeywordNet { } } }", "var", "the type 'N.Outer.var'")]
    public void Type_or_namespace_named_like_a_contextual_keyword_of_the_generated_code_is_NSL0002(string declaration, string keyword, string what)
        => AssertSingleError(
            "using Neuroslyn;\n" + declaration,
            "NSL0002",
            $"the generated code uses the keyword '{keyword}', which {what} would stand for; rename {what[..what.LastIndexOf(' ')]}");

    [Fact]
    public void Type_named_like_a_contextual_keyword_of_the_generated_code_in_the_global_namespace_is_NSL0002_for_every_network()
    {
        // A type of the global namespace is in scope everywhere: 'var' in every generated file would mean it.
        NetworkRun run = NetworkRun.Run("public class @var { }", ValidNetwork);

        run.AssertNoGeneratorException();
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("NSL0002", diagnostic.Id);
        Assert.Contains("'ValidNet' cannot hold a generated network: the generated code uses the keyword 'var', which the type 'var' would stand for; rename the type", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Empty(run.Networks);
    }

    // NSL0003

    [Fact]
    public void Missing_Inputs_is_NSL0003_at_the_attribute()
        => AssertSingleError(
            """
            using Neuroslyn;
            [[|Network(Loss = Loss.MeanSquaredError)|]]
            [Dense(2)]
            public partial class NoInputsNet { }
            """,
            "NSL0003",
            "[Network] on 'NoInputsNet' does not set Inputs");

    [Fact]
    public void Inputs_of_zero_is_NSL0003_at_the_argument()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network([|Inputs = 0|])]
            [Dense(2)]
            public partial class ZeroInputsNet { }
            """,
            "NSL0003",
            "[Network] on 'ZeroInputsNet' sets Inputs = 0");

    [Fact]
    public void Negative_Inputs_is_NSL0003_with_the_number()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Seed = 1, [|Inputs = -5|])]
            [Dense(2)]
            public partial class NegativeInputsNet { }
            """,
            "NSL0003",
            "sets Inputs = -5");

    // NSL0004

    [Fact]
    public void Network_without_layers_is_NSL0004()
        => AssertSingleError(
            """
            using Neuroslyn;
            [[|Network(Inputs = 4)|]]
            public partial class EmptyNet { }
            """,
            "NSL0004",
            "'EmptyNet' declares no layers");

    // NSL0005

    [Fact]
    public void Dense_of_zero_units_is_NSL0005()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense([|0|])]
            public partial class ZeroUnitsNet { }
            """,
            "NSL0005",
            "Dense(0) has 0 units");

    [Fact]
    public void Dense_of_negative_units_is_NSL0005()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense(8)]
            [Dense([|-3|], Activation.ReLU)]
            public partial class NegativeUnitsNet { }
            """,
            "NSL0005",
            "Dense(-3) has -3 units");

    [Fact]
    public void Dense_wider_than_the_limit_is_NSL0005()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense([|2000000|])]
            public partial class WideNet { }
            """,
            "NSL0005",
            "Dense(2000000) has 2000000 units: a layer has at most 1,000,000 units");

    [Fact]
    public void Dense_with_more_weights_than_an_array_holds_is_NSL0005()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 100000)]
            [Dense([|100000|])]
            public partial class HeavyNet { }
            """,
            "NSL0005",
            "Dense(100000) has 10,000,100,000 parameters after 100,000 inputs: a network holds at most 2,147,483,591 parameters");

    [Fact]
    public void Layers_that_together_hold_more_parameters_than_an_array_are_NSL0005_once_at_the_layer_that_crosses_the_limit()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 1000000)]
            [Dense(1500)]
            [Dense([|500000|])]
            [BatchNorm]
            [Dense(10)]
            public partial class HeavyNet { }
            """,
            "NSL0005",
            "Dense(500000) has 750,500,000 parameters, which bring the network to 2,250,501,500: a network holds at most 2,147,483,591 parameters");

    [Fact]
    public void Sizes_too_large_for_an_int_are_reported_instead_of_generating_code_that_overflows()
    {
        // 2e9 × 2e9 weights: once the parser's offsets overflowed and the generated constants failed with CS0220.
        NetworkRun run = NetworkRun.Run("using Neuroslyn; [Network(Inputs = 2000000000)] [Dense(2000000000)] public partial class Huge { }", ValidNetwork);

        run.AssertNoGeneratorException();
        Assert.Equal(["NSL0005", "NSL0007"], run.Diagnostics.Select(d => d.Id).Order());
        Assert.All(run.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        AssertOnlyTheValidNetworkIsGenerated(run);
        Assert.DoesNotContain(run.OutputCompilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    // NSL0006

    [Fact]
    public void Undefined_activation_is_NSL0006()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense(2, [|(Activation)42|])]
            public partial class UnknownActivationNet { }
            """,
            "NSL0006",
            "activation = 42 is not a defined Activation value");

    [Fact]
    public void Undefined_loss_is_NSL0006()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4, [|Loss = (Loss)9|])]
            [Dense(2)]
            public partial class UnknownLossNet { }
            """,
            "NSL0006",
            "Loss = 9 is not a defined Loss value");

    // NSL0007

    [Fact]
    public void Dropout_rate_of_one_is_NSL1001_rather_than_NSL0007()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense(8)]
            [Dropout([|1.0|])]
            [Dense(2)]
            public partial class DropEverythingNet { }
            """,
            "NSL1001",
            "Dropout(1.0) drops every unit: the network learns nothing. Use a rate below 1, such as 0.5.");

    [Fact]
    public void Negative_dropout_rate_is_NSL1001()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense(8)]
            [Dropout([|-0.1|])]
            [Dense(2)]
            public partial class NegativeDropoutNet { }
            """,
            "NSL1001",
            "Dropout(-0.1) has a negative rate");

    [Fact]
    public void Negative_learning_rate_is_NSL0007()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4, [|LearningRate = -1f|])]
            [Dense(2)]
            public partial class NegativeRateNet { }
            """,
            "NSL0007",
            "LearningRate = -1 is out of range: the learning rate must be positive (0 or unset means the optimizer's default, 0.001)");

    [Fact]
    public void Inputs_above_the_limit_is_NSL0007()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network([|Inputs = 2000000|])]
            [Dense(2)]
            public partial class WideInputNet { }
            """,
            "NSL0007",
            "Inputs = 2000000 is out of range: a network takes at most 1,000,000 features per sample");

    // NSL0008

    [Fact]
    public void Softmax_on_a_hidden_layer_is_NSL0008()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4, Loss = Loss.SoftmaxCrossEntropy)]
            [Dense(8, Activation.ReLU)]
            [[|Dense(8, Activation.Softmax)|]]
            [Dense(3)]
            public partial class HiddenSoftmaxNet { }
            """,
            "NSL0008",
            "Layer 1 uses Activation.Softmax but is not the output layer");

    // NSL0009 and the compiler's own errors: half-typed attributes

    [Fact]
    public void Unclosed_argument_list_reports_an_error_at_the_attribute()
        => AssertHalfTyped(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [[|Dense(|]]
            public partial class HalfTypedNet { }
            """);

    [Fact]
    public void Missing_enum_member_reports_an_error_at_the_attribute()
        => AssertHalfTyped(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [[|Dense(12, Activation.)|]]
            public partial class HalfTypedNet { }
            """);

    [Fact]
    public void Argument_of_the_wrong_type_reports_an_error_at_the_attribute()
        => AssertHalfTyped(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [[|Dense("ten")|]]
            public partial class HalfTypedNet { }
            """);

    [Fact]
    public void Argument_of_the_wrong_type_is_NSL0009()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [[|Dense("ten")|]]
            public partial class WrongTypeNet { }
            """,
            "NSL0009",
            "[Dense] could not be read",
            compilerErrorsExpected: true);

    [Fact]
    public void Class_whose_name_is_not_typed_yet_generates_nothing_and_leaves_the_error_to_the_compiler()
    {
        // Two of them once gave two sources with the same hint name, and the generator threw.
        NetworkRun run = NetworkRun.Run(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense(2)]
            public partial class
            [Network(Inputs = 4)]
            [Dense(2)]
            public partial class
            """,
            ValidNetwork);

        run.AssertNoGeneratorException();
        Assert.Empty(run.Diagnostics);
        Assert.Contains(run.OutputCompilation.GetDiagnostics(), d => d.Id == "CS1001" && d.Location.GetLineSpan().Path == "Source0.cs");
        AssertOnlyTheValidNetworkIsGenerated(run);
    }

    [Fact]
    public void Network_attribute_on_two_partial_declarations_generates_the_class_once_and_leaves_CS0579_to_the_compiler()
    {
        // Both declarations reach the generator; both once emitted "Dup.g.cs", and AddSource threw (CS8785). (Layers on
        // the second declaration too would be NSL0013: see DeclarationErrorTests.Placement.cs.)
        NetworkRun run = NetworkRun.Run(
            "using Neuroslyn; [Network(Inputs = 4)] [Dense(2)] public partial class Dup { }",
            "using Neuroslyn; [Network(Inputs = 4)] public partial class Dup { }");

        run.AssertNoGeneratorException();
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(["Dup.481991ed7986.g.cs"], run.Sources.Select(source => source.HintName));
        Diagnostic duplicate = Assert.Single(run.OutputCompilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CS0579", duplicate.Id);
    }

    [Fact]
    public void Network_attribute_on_two_partial_declarations_is_reported_once_from_the_first_by_file_path()
    {
        NetworkRun run = NetworkRun.Run(
            "using Neuroslyn; [Network(Inputs = 0)] [Dense(2)] public partial class Dup { }",
            "using Neuroslyn; [Network(Inputs = -1)] public partial class Dup { }");

        run.AssertNoGeneratorException();
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("NSL0003", diagnostic.Id);
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Empty(run.Networks);
    }

    // NSL0011

    [Fact]
    public void Dense_on_an_image_is_NSL0011_with_the_shape_and_the_fix()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(InputShape = new[] { 1, 28, 28 })]
            [Conv2D(32, 3, Activation.ReLU)]
            [[|Dense(10)|]]
            public partial class NoFlattenNet { }
            """,
            "NSL0011",
            "Dense(10) cannot take its input of shape 32 × 26 × 26: a dense layer takes a flat vector; put [Flatten] (or [GlobalAvgPool2D]) before it");

    [Fact]
    public void Convolution_on_a_flat_input_is_NSL0011_and_says_how_to_declare_an_image()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 784)]
            [[|Conv2D(8, 3)|]]
            [Dense(2)]
            public partial class FlatConvNet { }
            """,
            "NSL0011",
            "Conv2D(8, 3) cannot take its input of shape 784: a convolution takes an image [channels, height, width], not a flat vector; declare the network's input as an image");

    [Fact]
    public void Dilated_kernel_larger_than_the_padded_input_is_NSL0011_at_the_kernel()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(InputShape = new[] { 1, 4, 4 })]
            [Conv2D(2, [|3|], Dilation = 2)]
            [Flatten]
            [Dense(2)]
            public partial class WideKernelNet { }
            """,
            "NSL0011",
            "its kernel spans 5 × 5 pixels (kernel 3, dilation 2), more than the 4 × 4 padded input");

    [Fact]
    public void Groups_that_do_not_divide_the_channels_are_NSL0011_at_the_argument()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(InputShape = new[] { 3, 8, 8 })]
            [Conv2D(4, 3, [|Groups = 2|])]
            [Flatten]
            [Dense(2)]
            public partial class BadGroupsNet { }
            """,
            "NSL0011",
            "Groups = 2 must divide both its 3 input channels and its 4 filters");

    [Fact]
    public void Residual_sum_of_sizes_no_stride_gives_is_NSL0011_with_both_shapes()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(InputShape = new[] { 2, 8, 8 })]
            [Residual]
            [Conv2D(2, 3)]
            [[|EndResidual|]]
            [Flatten]
            [Dense(2)]
            public partial class ValidPaddingBlockNet { }
            """,
            "NSL0011",
            "EndResidual cannot take its input of shape 2 × 6 × 6: no 1 × 1 projection with one stride turns the block's input 2 × 8 × 8 into its body's output 2 × 6 × 6");

    [Fact]
    public void Residual_block_that_flattens_its_image_is_NSL0011()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(InputShape = new[] { 1, 4, 4 })]
            [Residual]
            [Flatten]
            [[|EndResidual|]]
            [Dense(2)]
            public partial class FlattenedBlockNet { }
            """,
            "NSL0011",
            "close the block before [Flatten]");

    // NSL0016

    [Fact]
    public void Residual_block_never_closed_is_NSL0016_at_its_opening()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense(4, Activation.ReLU)]
            [[|Residual|]]
            [Dense(4)]
            public partial class OpenBlockNet { }
            """,
            "NSL0016",
            "The residual block at layer 1 cannot be built: it is never closed; add [EndResidual] after the block's last layer");

    [Fact]
    public void End_of_a_residual_block_that_was_never_opened_is_NSL0016()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense(4, Activation.ReLU)]
            [[|EndResidual|]]
            [Dense(2)]
            public partial class UnopenedBlockNet { }
            """,
            "NSL0016",
            "[EndResidual] closes no block; put [Residual] before the block's first layer");

    [Fact]
    public void Residual_block_inside_another_is_NSL0016_at_the_inner_opening()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Residual]
            [Dense(4, Activation.ReLU)]
            [[|Residual|]]
            [Dense(4)]
            [EndResidual]
            [Dense(2)]
            public partial class NestedBlockNet { }
            """,
            "NSL0016",
            "it opens inside the block opened at layer 0, and blocks do not nest");

    [Fact]
    public void Empty_residual_block_is_NSL0016()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense(4, Activation.ReLU)]
            [Residual]
            [[|EndResidual|]]
            [Dense(2)]
            public partial class EmptyBlockNet { }
            """,
            "NSL0016",
            "The residual block at layer 1 cannot be built: it has no layers");

    // NSL0010

    [Theory]
    [InlineData("fc 1", "' ' cannot appear in a tensor name")]
    [InlineData("", "a name cannot be empty")]
    [InlineData("encoder..fc", "a dot must separate two non-empty parts")]
    [InlineData(".fc", "a dot must separate two non-empty parts")]
    [InlineData("fc.", "a dot must separate two non-empty parts")]
    [InlineData("fc\"1", "'\"' cannot appear in a tensor name")]
    [InlineData("tête", "'ê' cannot appear in a tensor name")]
    public void Layer_name_that_is_not_a_state_dict_name_is_NSL0010(string name, string problem)
        => AssertSingleError(
            $$"""
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense(8, Activation.ReLU)]
            [Dense(2, [|Name = "{{name.Replace("\"", "\\\"")}}"|])]
            public partial class BadNameNet { }
            """,
            "NSL0010",
            $"Layer 1 cannot be named \"{name}\": {problem}");

    [Fact]
    public void Two_layers_with_one_name_are_NSL0010_at_the_second()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense(8, Activation.ReLU, Name = "fc")]
            [BatchNorm([|Name = "fc"|])]
            [Dense(2)]
            public partial class DuplicateNameNet { }
            """,
            "NSL0010",
            "Layer 1 cannot be named \"fc\": layer 0 already has the name 'fc'; tensor names must be unique");

    [Fact]
    public void Name_that_a_later_layer_has_by_default_is_NSL0010_at_that_layer()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense(8, Activation.ReLU, Name = "2")]
            [[|Dense(2)|]]
            public partial class DefaultNameClashNet { }
            """,
            "NSL0010",
            "Layer 1 cannot be named 2: its tensors would be named '2.weight', ..., but layer 0 has the Name '2'");

    private static void AssertSingleError(string markup, string id, string messageFragment, bool compilerErrorsExpected = false)
    {
        MarkedSource marked = MarkedSource.Parse(markup);

        NetworkRun run = NetworkRun.Run(marked.Source, ValidNetwork);

        run.AssertNoGeneratorException();
        Assert.Empty(run.Generator.GeneratorDiagnostics);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(marked.SpanText, Text(marked.Source, diagnostic));
        Assert.Equal(marked.Span, diagnostic.Location.SourceSpan);
        Assert.Contains(messageFragment, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        AssertOnlyTheValidNetworkIsGenerated(run);
        if (!compilerErrorsExpected)
        {
            // The generator's error is the only one: no generated code means no follow-on compile errors either.
            Assert.DoesNotContain(run.OutputCompilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        }
    }

    /// <summary>
    /// Half-typed code: the generator does not throw, generates nothing for the class, and at least one error (its
    /// own or the compiler's) points into the attribute being typed.
    /// </summary>
    private static void AssertHalfTyped(string markup)
    {
        MarkedSource marked = MarkedSource.Parse(markup);

        NetworkRun run = NetworkRun.Run(marked.Source, ValidNetwork);

        run.AssertNoGeneratorException();
        Assert.All(run.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Contains(
            run.Diagnostics.Concat(run.OutputCompilation.GetDiagnostics()),
            d => d.Severity == DiagnosticSeverity.Error
                && d.Location.GetLineSpan().Path == "Source0.cs"
                && marked.Span.Contains(d.Location.SourceSpan.Start));
        AssertOnlyTheValidNetworkIsGenerated(run);
    }

    private static void AssertOnlyTheValidNetworkIsGenerated(NetworkRun run)
        => Assert.Equal([ValidHintName], run.Networks.Select(source => source.HintName));

    private static string Text(string source, Diagnostic diagnostic)
    {
        Microsoft.CodeAnalysis.Text.TextSpan span = diagnostic.Location.SourceSpan;
        return span.End <= source.Length ? source.Substring(span.Start, span.Length) : $"<span {span} is outside the source>";
    }
}
