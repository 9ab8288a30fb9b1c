using Xunit;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>
/// Errors point at the argument, written by position or by name (<c>units: 0</c>), and print numbers as people write
/// them: 2147483647, not 2.14748365E+09; 1e-7, not 1E-07.
/// </summary>
public sealed partial class DeclarationErrorTests
{
    [Fact]
    public void Layer_size_written_by_name_after_another_named_argument_is_NSL0005_at_that_argument()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense(activation: Activation.ReLU, [|units: 0|])]
            public partial class NamedUnitsNet { }
            """,
            "NSL0005",
            "Dense(0) has 0 units");

    [Fact]
    public void Enum_written_by_name_before_the_size_is_NSL0006_at_that_argument()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense([|activation: (Activation)42|], units: 2)]
            public partial class NamedActivationNet { }
            """,
            "NSL0006",
            "activation = 42 is not a defined Activation value");

    [Fact]
    public void Layer_size_of_int_MaxValue_is_printed_as_a_whole_number()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense([|int.MaxValue|])]
            public partial class MaxUnitsNet { }
            """,
            "NSL0005",
            "Dense(2147483647) has 2147483647 units: a layer has at most 1,000,000 units");

    [Fact]
    public void Small_value_is_printed_with_a_short_exponent()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [BatchNorm([|Epsilon = -1e-7|])]
            [Dense(2)]
            public partial class NegativeEpsilonNet { }
            """,
            "NSL0007",
            "Epsilon = -1e-7 is out of range");

    [Fact]
    public void Float_setting_is_printed_as_the_float_the_user_wrote()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4, [|Beta1 = 1.1f|])]
            [Dense(2)]
            public partial class BetaNet { }
            """,
            "NSL0007",
            "Beta1 = 1.1 is out of range");
}
