using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace Neuroslyn.Generator.Tests;

public sealed class ZzExplore(ITestOutputHelper output)
{
    [Fact]
    public void Explore()
    {
        string[] names = ["class", "var", "nuint", "nint", "dynamic", "nameof", "_", "global", "record", "partial", "value", "field", "async", "await", "unmanaged", "notnull", "scoped", "required", "file", "args", "t", "rows", "System", "Neuroslyn", "Capacity", "Output0", "x", "random", "int"];
        foreach (string name in names)
        {
            foreach (string shape in new[] { "class", "outer", "namespace" })
            {
                string source = shape switch
                {
                    "class" => $"using Neuroslyn; namespace N {{ [Network(Inputs = 4)] [Dense(2)] public partial class @{name} {{ }} }}",
                    "outer" => $"using Neuroslyn; namespace N {{ public partial class @{name} {{ [Network(Inputs = 4)] [Dense(3)] [Dropout(0.1)] [Dense(2)] public partial class Net {{ }} }} }}",
                    _ => $"using Neuroslyn; namespace N.@{name} {{ [Network(Inputs = 4)] [Dense(3)] [Dense(2)] public partial class Net {{ }} }}",
                };
                GeneratorRun run = GeneratorHarness.Run(source);
                string gen = string.Join(",", run.GeneratorDiagnostics.Select(d => d.Id));
                string outd = string.Join(" | ", run.OutputDiagnostics.Select(d => d.Id + " " + d.GetMessage()).Distinct().Take(3));
                output.WriteLine($"{name,-10} {shape,-9} sources={run.Sources.Length} gen=[{gen}] out=[{outd}]");
            }
        }
    }
}
