using Xunit;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>
/// Values the attributes take as doubles and the generated code holds as floats are checked as floats: 1e300 was
/// emitted as <c>Infinityf</c> (CS0103 in the generated file), 1e-50 as 0f (NaN in training), 0.99999999999 as a
/// dropout rate of 1f.
/// </summary>
public sealed partial class DeclarationErrorTests
{
    [Fact]
    public void BatchNorm_epsilon_beyond_the_largest_float_is_NSL0007()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense(8)]
            [BatchNorm([|Epsilon = 1e300|])]
            [Dense(2)]
            public partial class HugeEpsilonNet { }
            """,
            "NSL0007",
            "Epsilon = 1e300 is out of range: BatchNorm epsilon must be positive; PyTorch's default is 1e-5 (1e300 is beyond the largest float, 3.4028235e38, the type the generated network computes in)");

    [Fact]
    public void BatchNorm_epsilon_that_is_0_as_a_float_is_NSL0007()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense(8)]
            [BatchNorm(Activation.ReLU, [|Epsilon = 1e-50|])]
            [Dense(2)]
            public partial class TinyEpsilonNet { }
            """,
            "NSL0007",
            "Epsilon = 1e-50 is out of range: BatchNorm epsilon must be positive; PyTorch's default is 1e-5 (1e-50 is 0 as a float, the type the generated network computes in)");

    [Fact]
    public void BatchNorm_momentum_beyond_the_largest_float_is_NSL0007()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [BatchNorm([|Momentum = -1e300|])]
            [Dense(2)]
            public partial class HugeMomentumNet { }
            """,
            "NSL0007",
            "Momentum = -1e300 is out of range");

    [Fact]
    public void Dropout_rate_that_is_1_as_a_float_is_NSL1001_and_nothing_else()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense(8)]
            [Dropout([|0.99999999999|])]
            [Dense(2)]
            public partial class AlmostOneDropoutNet { }
            """,
            "NSL1001",
            "Dropout(0.99999999999) is 1.0 as a float, the type the generated network computes in, and so drops every unit");
}
