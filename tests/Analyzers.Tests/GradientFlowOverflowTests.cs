using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Neuroslyn.Analyzers.Tests;

/// <summary>An estimate that overflows a double is said in words, not as .NET's "Infinity" ("as large as Infinityx").</summary>
public sealed class GradientFlowOverflowTests
{
    [Fact]
    public void A_gain_beyond_the_largest_double_is_said_as_such()
    {
        // Each Dropout(0.9999999) scales the backward signal by 1/√(1 − p) ≈ 2,900: a hundred of them overflow.
        string dropouts = string.Concat(Enumerable.Repeat("[Dropout(0.9999999)]\n", 100));
        string source = "using Neuroslyn;\n[Network(Inputs = 4)]\n[Dense(4, Activation.ReLU)]\n" + dropouts + "[Dense(2)]\npublic partial class OverflowNet { }";

        Diagnostic exploding = Assert.Single(AnalyzerHarness.Analyze(source), d => d.Id == "NSL2002");

        string message = exploding.GetMessage(CultureInfo.InvariantCulture);
        Assert.DoesNotContain("Infinity", message);
        Assert.Contains("can be more than 1.8e308x the output's", message);
    }
}
