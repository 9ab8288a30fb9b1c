using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Neuroslyn.Weights;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Weights;

/// <summary>
/// Both directions of the interchange with PyTorch, on files that Reference/make_weights.py made with Debian's PyTorch
/// 1.13 (committed: the tests do not need PyTorch). A file PyTorch wrote loads into the equivalent network and gives
/// PyTorch's outputs; the file we write is byte for byte the one PyTorch loaded with <c>load_state_dict(strict=True)</c>,
/// and PyTorch's outputs from it are ours. Once for a multilayer perceptron and once for a convolutional network, whose
/// weights are stored in another order than PyTorch's and whose Flatten must give PyTorch's C·H·W order.
/// </summary>
public sealed class PyTorchInteropTests
{
    private const string UpdateVariable = "NEUROSLYN_UPDATE_GOLDEN";

    [Fact]
    public void File_written_by_PyTorch_loads_and_gives_PyTorchs_outputs() => AssertLoadsTorchFile<InteropNet>("");

    [Fact]
    public void File_we_write_is_the_one_PyTorch_loaded_and_gives_PyTorchs_outputs() => AssertWritesTorchFile<InteropNet>("");

    [Fact]
    public void Convolutional_file_written_by_PyTorch_loads_and_gives_PyTorchs_outputs() => AssertLoadsTorchFile<ImageInteropNet>("image_");

    [Fact]
    public void Convolutional_file_we_write_is_the_one_PyTorch_loaded_and_gives_PyTorchs_outputs() => AssertWritesTorchFile<ImageInteropNet>("image_");

    [Fact]
    public void Residual_file_written_by_PyTorch_loads_and_gives_PyTorchs_outputs() => AssertLoadsTorchFile<ResidualInteropNet>("residual_");

    [Fact]
    public void Residual_file_we_write_is_the_one_PyTorch_loaded_into_its_Residual_modules_and_gives_PyTorchs_outputs() => AssertWritesTorchFile<ResidualInteropNet>("residual_");

    private static void AssertLoadsTorchFile<TNet>(string prefix)
        where TNet : ICompiledNetwork<TNet>, ITrainingState
    {
        TNet network = TNet.Create(1);
        WeightFile.Load(network, Reference(prefix + "torch_made.safetensors"));
        Outputs expected = Outputs.Load(Reference(prefix + "torch_made.json"));

        Assert.Equal([expected.BatchesTracked], network.BatchesTracked.ToArray());
        AssertClose(expected, network);
    }

    private static void AssertWritesTorchFile<TNet>(string prefix)
        where TNet : ICompiledNetwork<TNet>, ITrainingState
    {
        byte[] ours = WeightFile.ToBytes(Shipped<TNet>());
        string committed = RepositoryPaths.Combine("tests", "Runtime.Tests", "Weights", "Reference", prefix + "neuroslyn_made.safetensors");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1" && Environment.GetEnvironmentVariable("CI") != "true")
        {
            File.WriteAllBytes(committed, ours);
        }

        Assert.True(ours.AsSpan().SequenceEqual(File.ReadAllBytes(committed)), $"WeightFile no longer writes {committed}: if the change is intended, run the tests with {UpdateVariable}=1, then Reference/make_weights.py, and commit both files.");
        Outputs expected = Outputs.Load(Reference(prefix + "neuroslyn_made.json"));
        Assert.Equal(7, expected.BatchesTracked);
        AssertClose(expected, Shipped<TNet>());
    }

    /// <summary>A network whose every value is set without training, so that every machine writes the same bytes.</summary>
    private static TNet Shipped<TNet>()
        where TNet : ICompiledNetwork<TNet>, ITrainingState
    {
        TNet network = TNet.Create(2026);
        foreach (TensorInfo tensor in TNet.Tensors)
        {
            Span<float> values = tensor.IsBuffer ? network.Buffers.Slice(tensor.Offset, tensor.Length) : network.Parameters.Slice(tensor.Offset, tensor.Length);
            for (int i = 0; i < values.Length && !tensor.IsCounter; i++)
            {
                values[i] = tensor.Role switch
                {
                    TensorRole.Scale => 1f + (0.125f * i),
                    TensorRole.Shift => (0.0625f * i) - 0.25f,
                    TensorRole.Bias => (0.03125f * i) - 0.1f,
                    TensorRole.RunningMean => (0.1f * i) - 0.35f,
                    TensorRole.RunningVariance => 0.5f + (0.25f * i),
                    _ => values[i],
                };
            }
        }

        network.BatchesTracked[0] = 7;
        return network;
    }

    private static void AssertClose(Outputs expected, INetwork network)
    {
        var actual = new float[expected.Values.Length];
        network.PredictBatch(expected.Inputs, actual);
        for (int i = 0; i < actual.Length; i++)
        {
            float tolerance = 1e-5f + (1e-4f * Math.Abs(expected.Values[i]));
            Assert.True(Math.Abs(actual[i] - expected.Values[i]) <= tolerance, $"output {i}: ours {actual[i]:G9}, PyTorch's {expected.Values[i]:G9}");
        }
    }

    private static string Reference(string file) => Path.Combine(AppContext.BaseDirectory, "Weights", "Reference", file);

    private sealed record Outputs(float[] Inputs, float[] Values, long BatchesTracked)
    {
        public static Outputs Load(string path)
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = document.RootElement;
            return new Outputs(Floats(root.GetProperty("inputs")), Floats(root.GetProperty("outputs")), root.GetProperty("num_batches_tracked").GetInt64());
        }

        private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(value => (float)value.GetDouble()).ToArray();
    }
}
