using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Neuroslyn.Generator.Tests;
using Xunit;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>
/// Where a network may be declared: its layers on the declaration that carries [Network] (NSL0013; before, layers on
/// two files ran in the order of the file names), and not in a file-local class (NSL0002; before, the generated part
/// declared a second, unrelated class).
/// </summary>
public sealed partial class DeclarationErrorTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Layers_on_a_second_partial_declaration_are_NSL0013_there_with_the_Network_attribute_as_the_other_location(bool networkInTheSecondFile)
    {
        MarkedSource home = MarkedSource.Parse("using Neuroslyn; [[|Network(Inputs = 3)|]] [Dense(5)] public partial class SplitNet { }");
        MarkedSource stray = MarkedSource.Parse("using Neuroslyn; [[|Dense(2)|]] [Dense(4)] public partial class SplitNet { }");
        string[] sources = networkInTheSecondFile ? [stray.Source, home.Source] : [home.Source, stray.Source];

        NetworkRun run = NetworkRun.Run(sources);

        run.AssertNoGeneratorException();
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("NSL0013", diagnostic.Id);
        Assert.Equal(networkInTheSecondFile ? "Source0.cs" : "Source1.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(stray.Span, diagnostic.Location.SourceSpan);
        Assert.Contains("[Dense] is on a partial declaration of 'SplitNet' that does not carry [Network]", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Location other = Assert.Single(diagnostic.AdditionalLocations);
        Assert.Equal(networkInTheSecondFile ? "Source1.cs" : "Source0.cs", other.GetLineSpan().Path);
        Assert.Equal(home.Span, other.SourceSpan);
        Assert.Empty(run.Networks);
        Assert.DoesNotContain(run.OutputCompilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Layers_only_on_a_declaration_without_the_Network_attribute_are_NSL0013()
    {
        NetworkRun run = NetworkRun.Run(
            "using Neuroslyn; [Network(Inputs = 3)] public partial class SplitNet { }",
            "using Neuroslyn; [Dense(2)] public partial class SplitNet { }");

        Assert.Equal(["NSL0013"], run.Diagnostics.Select(d => d.Id));
        Assert.Empty(run.Networks);
    }

    [Fact]
    public void File_local_class_is_NSL0002()
        => AssertSingleError(
            """
            using Neuroslyn;
            [[|Network(Inputs = 4)|]]
            [Dense(2)]
            file partial class FileNet { }
            """,
            "NSL0002",
            "'FileNet' cannot hold a generated network: a file-local class cannot have a generated part, which lives in a file of its own; remove 'file'");

    [Fact]
    public void Class_nested_in_a_file_local_class_is_NSL0002()
        => AssertSingleError(
            """
            using Neuroslyn;
            file partial class Outer
            {
                [[|Network(Inputs = 4)|]]
                [Dense(2)]
                public partial class InnerNet { }
            }
            """,
            "NSL0002",
            "'InnerNet' cannot hold a generated network: it is nested in 'Outer', which is file-local");
}
