using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Neuroslyn.Generator.Tests;

/// <summary>
/// The names of the generated files: unique in a compilation even where the compiler, which compares them ignoring
/// case, sees two full names as one, and short enough to be written to disk whatever the class is called.
/// </summary>
public sealed class HintNameTests
{
    [Theory]
    [InlineData("namespace App { [Network(Inputs = 4)] [Dense(2)] public partial class Net { } [Network(Inputs = 4)] [Dense(3)] public partial class NET { } }")]
    [InlineData("namespace app { [Network(Inputs = 4)] [Dense(2)] public partial class Net { } } namespace App { [Network(Inputs = 4)] [Dense(3)] public partial class Net { } }")]
    [InlineData("namespace A.B { [Network(Inputs = 4)] [Dense(2)] public partial class C { } } namespace A { internal partial class @b { [Network(Inputs = 4)] [Dense(3)] public partial class C { } } }")]
    public void Networks_whose_full_names_differ_only_in_case_are_both_generated(string declarations)
    {
        GeneratorRun run = GeneratorHarness.Run("using Neuroslyn;\n" + declarations);

        run.AssertNoGeneratorException();
        Assert.Equal(2, run.Networks.Length);
        Assert.Equal(2, run.Sources.Select(source => source.HintName.ToUpperInvariant()).Distinct().Count());
        Assert.True(run.OutputDiagnostics.IsEmpty, string.Join("\n", run.OutputDiagnostics));
    }

    [Fact]
    public void A_long_name_in_a_script_of_three_bytes_per_character_gets_a_short_hint_name()
    {
        // 90 CJK characters, 270 bytes of UTF-8: a file name of them is longer than file systems allow (CS0016 on disk).
        string name = string.Concat(Enumerable.Repeat("神经网络模型", 15));
        GeneratorRun run = GeneratorHarness.Run($"using Neuroslyn; namespace 应用.模型; [Network(Inputs = 4)] [Dense(2)] public partial class {name} {{ }}");

        run.AssertNoGeneratorException();
        string hintName = Assert.Single(run.Networks).HintName;
        Assert.True(Encoding.UTF8.GetByteCount(hintName) <= 200, $"{hintName} is {Encoding.UTF8.GetByteCount(hintName)} bytes of UTF-8.");
        Assert.StartsWith("应用.模型.神经网络模型", hintName);
        Assert.True(run.OutputDiagnostics.IsEmpty, string.Join("\n", run.OutputDiagnostics));
    }

    [Fact]
    public void Long_names_that_share_their_readable_prefix_get_different_hint_names()
    {
        string prefix = new('N', 60);
        GeneratorRun run = GeneratorHarness.Run(
            $"using Neuroslyn; [Network(Inputs = 4)] [Dense(2)] public partial class {prefix}A {{ }} [Network(Inputs = 4)] [Dense(2)] public partial class {prefix}B {{ }}");

        run.AssertNoGeneratorException();
        Assert.Equal(2, run.Networks.Select(source => source.HintName).Distinct().Count());
    }
}
