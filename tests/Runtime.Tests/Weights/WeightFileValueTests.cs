using System;
using System.Text.Json.Nodes;
using Neuroslyn.Weights;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Weights;

/// <summary>
/// Values a network cannot use are refused like any other bad file, naming the tensor and the first bad element by its
/// PyTorch index: NaN and infinity anywhere (unless <see cref="WeightFileOptions.AllowNonFiniteValues"/>), and a
/// negative value where the tensor's metadata says none may be (BatchNorm's running_var, Adam's exp_avg_sq).
/// </summary>
public sealed class WeightFileValueTests
{
    private static readonly byte[] s_valid = WeightFile.ToBytes(new InteropNet(21));

    private static readonly WeightFileOptions s_checkpoint = new() { IncludeOptimizerState = true };

    [Fact]
    public void NaN_in_a_transposed_weight_is_refused_at_its_PyTorch_index()
    {
        // 0.weight is [8, 5] in the file and stored input-major in the network: the index must be the file's.
        byte[] file = WithFloat(s_valid, "0.weight", (3 * 5) + 2, float.NaN);

        WeightFileException exception = WeightFileValidationTests.AssertRefused(file);

        Assert.Equal("0.weight", exception.TensorName);
        Assert.Equal(
            "holds NaN at [3, 2] (PyTorch's index into [8, 5]; flat index 17), the first of 1 non-finite values: a weight file must hold finite numbers " +
            "(the network that saved it had probably diverged). Load an earlier checkpoint, or set WeightFileOptions.AllowNonFiniteValues to load it anyway",
            exception.Problem);
    }

    [Theory]
    [InlineData("0.bias", 7, float.PositiveInfinity, "holds Infinity at [7] (PyTorch's index into [8]; flat index 7), the first of 1")]
    [InlineData("6.weight", 0, float.NegativeInfinity, "holds -Infinity at [0, 0] (PyTorch's index into [3, 6]; flat index 0), the first of 1")]
    [InlineData("1.running_mean", 2, float.NaN, "holds NaN at [2]")]
    [InlineData("1.running_var", 2, float.PositiveInfinity, "holds Infinity at [2]")]
    public void Non_finite_values_are_refused_in_every_tensor(string tensor, int index, float value, string problem)
    {
        WeightFileException exception = WeightFileValidationTests.AssertRefused(WithFloat(s_valid, tensor, index, value));

        Assert.Equal(tensor, exception.TensorName);
        Assert.StartsWith(problem, exception.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_bad_value_is_named_and_the_others_counted()
    {
        byte[] file = WithFloat(WithFloat(WithFloat(s_valid, "4.weight", 40, float.NaN), "4.weight", 13, float.NegativeInfinity), "4.weight", 47, float.NaN);

        WeightFileException exception = WeightFileValidationTests.AssertRefused(file);

        Assert.StartsWith("holds -Infinity at [1, 5] (PyTorch's index into [6, 8]; flat index 13), the first of 3 non-finite values", exception.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_4D_convolution_kernel_is_refused_at_its_NCHW_index()
    {
        // 0.weight is [4, 2, 3, 3] (out, in, height, width) in the file and channels-last in the network.
        byte[] valid = WeightFile.ToBytes(new ImageInteropNet());
        byte[] file = WithFloat(valid, "0.weight", (3 * 18) + (0 * 9) + (1 * 3) + 2, float.NaN);
        var network = new ImageInteropNet();
        NetworkState before = NetworkState.Of(network);

        var exception = Assert.Throws<WeightFileException>(() => WeightFile.Read(network, file));

        Assert.StartsWith("holds NaN at [3, 0, 1, 2] (PyTorch's index into [4, 2, 3, 3]; flat index 59)", exception.Problem, StringComparison.Ordinal);
        before.AssertSame(NetworkState.Of(network));
    }

    [Fact]
    public void A_negative_running_variance_is_refused()
    {
        WeightFileException exception = WeightFileValidationTests.AssertRefused(WithFloat(s_valid, "1.running_var", 3, -0.5f));

        Assert.Equal("1.running_var", exception.TensorName);
        Assert.Equal(
            "holds -0.5 at [3] (PyTorch's index into [8]; flat index 3), the first of 1 negative values: a variance or a mean of squares cannot be negative " +
            "(the network takes its square root). The file was edited or written by a broken program: save it again from the network that trained it",
            exception.Problem);
    }

    [Fact]
    public void A_negative_running_mean_and_negative_zero_variance_load()
    {
        byte[] file = WithFloat(WithFloat(s_valid, "1.running_mean", 3, -0.5f), "1.running_var", 1, -0f);
        var network = new InteropNet();

        WeightFile.Read(network, file);

        Assert.Equal(-0.5f, network.Buffers[3]);
    }

    [Fact]
    public void A_negative_Adam_second_moment_is_refused_and_a_negative_first_moment_loads()
    {
        byte[] checkpoint = WeightFile.ToBytes(WeightFileTests.Trained(steps: 2), s_checkpoint);
        byte[] negativeFirst = WithFloat(checkpoint, "optimizer.0.weight.exp_avg", 4, -3f);
        WeightFile.Read(new InteropNet(), negativeFirst, s_checkpoint);

        WeightFileException exception = WeightFileValidationTests.AssertRefused(WithFloat(checkpoint, "optimizer.0.weight.exp_avg_sq", 4, -3f), s_checkpoint);

        Assert.Equal("optimizer.0.weight.exp_avg_sq", exception.TensorName);
        Assert.StartsWith("holds -3 at [0, 4] (PyTorch's index into [8, 5]; flat index 4), the first of 1 negative values", exception.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_in_the_optimizer_state_is_refused_only_when_it_is_loaded()
    {
        byte[] checkpoint = WithFloat(WeightFile.ToBytes(WeightFileTests.Trained(steps: 2), s_checkpoint), "optimizer.4.bias.exp_avg", 1, float.NaN);

        WeightFile.Read(new InteropNet(), checkpoint); // a plain load skips the optimizer's tensors
        WeightFileException exception = WeightFileValidationTests.AssertRefused(checkpoint, s_checkpoint);

        Assert.Equal("optimizer.4.bias.exp_avg", exception.TensorName);
    }

    [Fact]
    public void AllowNonFiniteValues_loads_NaN_and_infinity_as_they_are()
    {
        var nan = BitConverter.Int32BitsToSingle(0x7FC0_1234); // a NaN with a payload: loaded bit for bit
        byte[] file = WithFloat(WithFloat(s_valid, "0.weight", 17, nan), "1.running_var", 2, float.PositiveInfinity);
        var network = new InteropNet();

        WeightFile.Read(network, file, new WeightFileOptions { AllowNonFiniteValues = true });

        var reference = new InteropNet();
        WeightFile.Read(reference, s_valid);
        int stored = InteropNet.Tensors[0].Offset + (2 * 8) + 3; // W[in = 2, out = 3], input-major
        Assert.Equal(0x7FC0_1234, BitConverter.SingleToInt32Bits(network.Parameters[stored]));
        Assert.Equal(float.PositiveInfinity, network.Buffers[8 + 2]);
        network.Parameters[stored] = reference.Parameters[stored];
        network.Buffers[8 + 2] = reference.Buffers[8 + 2];
        NetworkState.Of(reference).AssertSame(NetworkState.Of(network));
    }

    [Fact]
    public void AllowNonFiniteValues_still_refuses_a_negative_variance()
    {
        WeightFileException exception = WeightFileValidationTests.AssertRefused(
            WithFloat(s_valid, "1.running_var", 0, -1f),
            new WeightFileOptions { AllowNonFiniteValues = true });

        Assert.StartsWith("holds -1 at [0]", exception.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tensors_own_metadata_says_which_must_not_be_negative()
    {
        Assert.Equal(["1.running_var"], Array.ConvertAll(Array.FindAll([.. InteropNet.Tensors], tensor => tensor.IsNonNegative), tensor => tensor.Name));
    }

    /// <summary><paramref name="file"/> with element <paramref name="index"/> (row-major, PyTorch's layout) of <paramref name="tensor"/> set to <paramref name="value"/>.</summary>
    private static byte[] WithFloat(byte[] file, string tensor, int index, float value)
    {
        (JsonObject header, byte[] data) = SafeTensorsBytes.Split(file);
        int begin = (int)header[tensor]!["data_offsets"]![0]!;
        BitConverter.GetBytes(value).CopyTo(data, begin + (4 * index));
        return SafeTensorsBytes.Join(header, data);
    }
}
