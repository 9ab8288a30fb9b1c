using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Neuroslyn.Generator.Tests;

/// <summary>
/// Where no analyzer runs (a language server with analyzers off, <c>RunAnalyzers=false</c>), a declaration with an error
/// still says why at every use of the class: the generator writes a placeholder part, obsolete as an error with the
/// first error's id and message, instead of leaving "no member InputSize". These runs have the generator only.
/// </summary>
public sealed class UnbuiltNetworkTests
{
    private const string Use = "public static class Use { public static object Make() => new App.Net(); }";

    [Fact]
    public void A_use_of_a_network_whose_declaration_has_an_error_reports_the_error_with_the_analyzers_off()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using Neuroslyn; namespace App; [Network(Inputs = 4)] [Dense(0)] public partial class Net { }", Use);

        run.AssertNoGeneratorException();
        Assert.Empty(run.Networks);
        Diagnostic use = Assert.Single(run.OutputDiagnostics, d => d.Id == "CS0619");
        string message = use.GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains("Neuroslyn generated no network for Net: NSL0005: ", message);
        Assert.Contains("Dense(0)", message);
        Assert.Equal("Source1.cs", use.Location.GetLineSpan().Path);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) == true);
    }

    [Fact]
    public void The_placeholder_of_a_nested_class_compiles_and_escapes_the_message()
    {
        // NSL0010's message quotes the name, quotes and backslash included.
        GeneratorRun run = GeneratorHarness.Run(
            "using Neuroslyn; namespace App; public partial class Outer { [Network(Inputs = 4)] [Dense(2, Name = \"a\\\"b\\\\c\")] public partial class Net { } }",
            "public static class Use { public static object Make() => new App.Outer.Net(); }");

        run.AssertNoGeneratorException();
        GeneratedSourceResult placeholder = Assert.Single(run.Placeholders);
        Assert.Empty(placeholder.SyntaxTree.GetDiagnostics());
        Diagnostic use = Assert.Single(run.OutputDiagnostics, d => d.Id == "CS0619");
        Assert.Contains("NSL0010: ", use.GetMessage(CultureInfo.InvariantCulture));
        Assert.Contains("\"a\"b\\c\"", use.GetMessage(CultureInfo.InvariantCulture));
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) == true);
    }

    [Fact]
    public void A_class_that_cannot_take_a_part_or_is_already_obsolete_gets_no_placeholder()
    {
        // Not partial: a second part would be CS0260. Already [Obsolete]: a second one would be CS0579.
        GeneratorRun notPartial = GeneratorHarness.Run("using Neuroslyn; namespace App; [Network(Inputs = 4)] [Dense(2)] public class Net { }");
        GeneratorRun obsolete = GeneratorHarness.Run("using Neuroslyn; namespace App; [System.Obsolete] [Network(Inputs = 4)] [Dense(0)] public partial class Net { }");

        Assert.Empty(notPartial.Sources);
        Assert.Empty(obsolete.Sources);
        Assert.DoesNotContain(obsolete.OutputDiagnostics, d => d.Id == "CS0579");
    }

    [Fact]
    public void A_valid_declaration_gets_its_network_and_no_placeholder()
    {
        GeneratorRun run = GeneratorHarness.Run("using Neuroslyn; namespace App; [Network(Inputs = 4)] [Dense(2)] public partial class Net { }", Use);

        Assert.Single(run.Networks);
        Assert.Empty(run.Placeholders);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Id == "CS0619");
    }
}
