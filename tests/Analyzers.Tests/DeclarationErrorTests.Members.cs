using System.Linq;
using Microsoft.CodeAnalysis;
using Neuroslyn.Generator.Tests;
using Xunit;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>
/// NSL0012: what the user writes in the class would collide with the generated part. Each is one error at what they
/// wrote, and no generated code to fail in (CS0102, CS0111, CS8862, CS7036 or CS0108 inside the .g.cs before).
/// </summary>
public sealed partial class DeclarationErrorTests
{
    [Fact]
    public void Parameterless_constructor_is_NSL0012_at_the_constructor()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense(2)]
            public partial class CtorNet { public [|CtorNet|]() { } }
            """,
            "NSL0012",
            "'CtorNet' declares the constructor CtorNet(): the generated network declares CtorNet() and CtorNet(int seed)");

    [Fact]
    public void Constructor_taking_an_int_is_NSL0012()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense(2)]
            public partial class CtorNet { internal [|CtorNet|](int size) { } }
            """,
            "NSL0012",
            "'CtorNet' declares the constructor CtorNet(int)");

    [Theory]
    [InlineData("public int [|InputSize|] => 3;", "InputSize")]
    [InlineData("public float[] [|Predict|](float[] x) => x;", "Predict")]
    [InlineData("private readonly float[] [|_parameters|] = new float[1];", "_parameters")]
    [InlineData("public sealed class [|TrainingBuffers|] { }", "TrainingBuffers")]
    [InlineData("public event System.Action? [|Dense0Shape|];", "Dense0Shape")]
    public void Member_named_like_a_generated_member_is_NSL0012_at_the_member(string member, string name)
        => AssertSingleError(
            $$"""
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense(2)]
            public partial class MemberNet { {{member}} }
            """,
            "NSL0012",
            $"'MemberNet' declares a member named '{name}': the generated network declares a member of that name. Rename this member.");

    [Fact]
    public void Explicit_implementation_of_a_Neuroslyn_interface_member_is_NSL0012()
        => AssertSingleError(
            """
            using Neuroslyn;
            using Neuroslyn.Training;
            [Network(Inputs = 4, Monitor = true)]
            [Dense(2)]
            public partial class WatchedNet : IMonitoredNetwork { TrainingMonitor? IMonitoredNetwork.[|Monitor|] { get; set; } }
            """,
            "NSL0012",
            "'WatchedNet' implements 'Neuroslyn.Training.IMonitoredNetwork.Monitor' explicitly: the generated network implements the Neuroslyn interfaces itself");

    [Fact]
    public void Primary_constructor_is_NSL0012_at_its_parameter_list()
        => AssertSingleError(
            """
            using Neuroslyn;
            [Network(Inputs = 4)]
            [Dense(2)]
            public partial class PrimaryNet[|(int size)|] { public int Size => size; }
            """,
            "NSL0012",
            "'PrimaryNet' has a primary constructor PrimaryNet(int size): every other constructor must call it");

    [Fact]
    public void Base_class_without_a_parameterless_constructor_is_NSL0012_at_the_base()
        => AssertSingleError(
            """
            using Neuroslyn;
            public class Base { public Base(int x) { } }
            [Network(Inputs = 4)]
            [Dense(2)]
            public partial class DerivedNet : [|Base|] { }
            """,
            "NSL0012",
            "'DerivedNet' derives from 'Base', which has no constructor it can call without arguments",
            // With nothing generated the class has an implicit constructor, and the compiler reports CS7036 at the class
            // too: both errors are at the user's code, none in a generated file.
            compilerErrorsExpected: true);

    [Fact]
    public void Base_class_with_a_member_named_like_a_generated_one_is_NSL0012_at_the_base()
        => AssertSingleError(
            """
            using Neuroslyn;
            public class Grand { public void Predict() { } }
            public class Base : Grand { }
            [Network(Inputs = 4)]
            [Dense(2)]
            public partial class DerivedNet : [|Base|], System.IDisposable { public void Dispose() { } }
            """,
            "NSL0012",
            "'DerivedNet' derives from 'Base', which has a member named 'Predict' (in 'Grand')");

    [Theory]
    [InlineData("public class Base { protected Base() { } }")]
    [InlineData("public class Base { protected Base(int capacity = 4) { } }")]
    [InlineData("public abstract class Base { public string Label { get; set; } = \"\"; private int Predict; }")]
    public void Base_class_the_generated_constructors_can_call_is_fine(string baseClass)
        => AnalyzerHarness.AssertCompilesWithTheGenerator(
            $"using Neuroslyn; {baseClass} [Network(Inputs = 4)] [Dense(2)] public partial class DerivedNet : Base {{ public DerivedNet(string label) : this() {{ }} }}",
            "DerivedNet");

    [Fact]
    public void The_generated_part_in_the_analyzers_compilation_is_not_taken_for_the_users_members()
    {
        // In a build the analyzers run on the compilation that holds the generator's output, whose members and
        // constructors have every generated name.
        GeneratorRun run = GeneratorHarness.Run(ValidNetwork);

        Assert.Single(run.Networks);
        Assert.Empty(AnalyzerHarness.Analyze(run.OutputCompilation).Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
