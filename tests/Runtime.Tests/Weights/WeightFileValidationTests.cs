using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Neuroslyn.Weights;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Weights;

/// <summary>
/// Every way a file can be wrong is refused with one <see cref="WeightFileException"/> that names the tensor and what was
/// expected, and leaves the network exactly as it was.
/// </summary>
public sealed class WeightFileValidationTests
{
    private static readonly byte[] s_valid = WeightFile.ToBytes(new InteropNet(21));

    [Fact]
    public void Wrong_shape_names_the_tensor_the_expected_shape_and_the_files()
    {
        byte[] file = Edit(header => header["0.weight"]!["shape"] = new JsonArray(4, 10));

        WeightFileException exception = AssertRefused(file);

        Assert.Equal("0.weight: expected F32 [8, 5], the file has F32 [4, 10]", exception.Message);
        Assert.Equal("0.weight", exception.TensorName);
    }

    [Fact]
    public void Wrong_dtype_is_refused()
    {
        // Same byte count: the entry is consistent with its offsets, but not the network's.
        byte[] file = Edit(header =>
        {
            header["1.running_mean"]!["dtype"] = "I32";
        });

        Assert.Equal("1.running_mean: expected F32 [8], the file has I32 [8]", AssertRefused(file).Message);
    }

    [Fact]
    public void Missing_tensor_is_refused()
    {
        WeightFileException exception = AssertRefused(Remove("1.num_batches_tracked"));

        Assert.Equal("1.num_batches_tracked: expected I64 [], the file has no such tensor", exception.Message);
    }

    [Fact]
    public void Unexpected_tensor_is_refused_unless_extras_are_ignored()
    {
        byte[] file = Append("7.weight", "F32", [2], new byte[8]);

        WeightFileException exception = AssertRefused(file);
        var network = new InteropNet();
        WeightFile.Read(network, file, new WeightFileOptions { IgnoreUnexpectedTensors = true });

        Assert.StartsWith("7.weight: the file has F32 [2], but the network has no tensor of that name", exception.Message);
        Assert.Equal(new InteropNet(21).Parameters.ToArray(), network.Parameters.ToArray());
    }

    [Fact]
    public void Checkpoint_without_optimizer_state_is_refused_when_it_is_required()
    {
        WeightFileException exception = AssertRefused(s_valid, new WeightFileOptions { IncludeOptimizerState = true });

        Assert.StartsWith("optimizer.step: expected I64 [], the file has no such tensor", exception.Message);
    }

    [Fact]
    public void Optimizer_state_of_another_optimizer_is_refused()
    {
        var sgd = new NamedNet();
        byte[] file = WeightFile.ToBytes(sgd, new WeightFileOptions { IncludeOptimizerState = true });
        (JsonObject header, byte[] data) = SafeTensorsBytes.Split(file);
        JsonNode entry = header["optimizer.head.weight.momentum_buffer"]!.DeepClone();
        header.Remove("optimizer.head.weight.momentum_buffer");
        header["optimizer.head.weight.exp_avg"] = entry;
        NetworkState before = NetworkState.Of(sgd);

        var exception = Assert.Throws<WeightFileException>(() => WeightFile.Read(sgd, SafeTensorsBytes.Join(header, data), new WeightFileOptions { IncludeOptimizerState = true }));

        Assert.StartsWith("optimizer.head.weight.momentum_buffer: expected F32 [2, 5], the file has no such tensor", exception.Message);
        before.AssertSame(NetworkState.Of(sgd));
    }

    [Fact]
    public void Negative_batch_count_is_refused()
    {
        (JsonObject header, byte[] data) = SafeTensorsBytes.Split(s_valid);
        int begin = (int)header["1.num_batches_tracked"]!["data_offsets"]![0]!;
        BitConverter.GetBytes(-4L).CopyTo(data, begin);

        Assert.Equal("1.num_batches_tracked: expected a count of 0 or more, the file has -4", AssertRefused(SafeTensorsBytes.Join(header, data)).Message);
    }

    [Theory]
    [InlineData(0, "the file has 0 bytes, fewer than the 8 of a safetensors header length")]
    [InlineData(7, "the file has 7 bytes, fewer than the 8 of a safetensors header length")]
    [InlineData(100, "the header length is")]
    public void Truncated_file_is_refused(int length, string message)
        => Assert.StartsWith(message, AssertRefused(s_valid.AsSpan(0, length).ToArray()).Message);

    [Fact]
    public void File_cut_in_its_data_is_refused_as_not_the_size_the_header_describes()
        => Assert.Contains("data_offsets", AssertRefused(s_valid.AsSpan(0, s_valid.Length - 3).ToArray()).Message);

    [Fact]
    public void Bytes_after_the_last_tensor_are_refused()
        => Assert.Contains("the file holds", AssertRefused([.. s_valid, 0, 0, 0, 0]).Message);

    [Theory]
    [InlineData(ulong.MaxValue)]
    [InlineData(1UL << 40)]
    [InlineData(100_000_001UL)]
    [InlineData(1UL)]
    public void Header_length_out_of_bounds_is_refused(ulong declared)
    {
        byte[] file = (byte[])s_valid.Clone();
        BitConverter.GetBytes(declared).CopyTo(file, 0);

        Assert.StartsWith($"the header length is {declared} bytes", AssertRefused(file).Message);
    }

    [Theory]
    [InlineData("[1, 2]", "the header is not a JSON object")]
    [InlineData("{\"0.weight\": ", "the header")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}} x", "the header")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}, \"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}", "a: the header declares this tensor twice")]
    [InlineData("{\"a\": {\"dtype\": \"Q7\", \"shape\": [1], \"data_offsets\": [0, 4]}}", "a: the dtype 'Q7' is not one of safetensors'")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 4]}}", "a: shape holds -1")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1.5], \"data_offsets\": [0, 4]}}", "a: shape holds 1.5")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0]}}", "a: data_offsets is not a pair")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4], \"extra\": 1}}", "a: the header's entry has 'extra'")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1]}}", "a: the header's entry lacks")]
    [InlineData("{\"__metadata__\": {\"format\": 1}}", "__metadata__ is not an object of strings")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 4]}}", "a: F32 [2] takes 8 bytes, but data_offsets [0, 4] span 4")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [4611686018427387904, 4], \"data_offsets\": [0, 4]}}", "takes more than 2^63 bytes")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 9223372036854775807]}}", "reach past the data section")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [8, 4]}}", "end before they begin")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}, \"b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [2, 6]}}", "b: data_offsets [2, 6] overlap the tensor before")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}", "a: data_offsets [4, 8] leave bytes 0 to 4 of the data section to no tensor")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", "the tensors end at byte 4 of the data section, but the file holds 8 data bytes")]
    [InlineData("{\"a\\u0000\\n\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 8]}}", "a\\u0000\\u000A: F32 [1] takes 4 bytes")]
    public void Malformed_header_is_refused_with_what_is_wrong(string header, string message)
        => Assert.Contains(message, AssertRefused(SafeTensorsBytes.Join(header, new byte[8])).Message);

    [Fact]
    public void Deeply_nested_or_broken_JSON_is_refused()
    {
        Assert.Equal("a", AssertRefused(SafeTensorsBytes.Join("{\"a\": " + new string('[', 5000) + new string(']', 5000) + "}", [])).TensorName);
        Assert.StartsWith("the header is not well-formed JSON", AssertRefused(SafeTensorsBytes.Join("{\"x\": {\"dtype\": \"F32\" \"shape\": [1]}}", [])).Message);
    }

    [Fact]
    public void Invalid_UTF8_in_a_name_is_refused()
    {
        byte[] file = SafeTensorsBytes.Join("{\"ab\": {\"dtype\": \"F32\", \"shape\": [0], \"data_offsets\": [0, 0]}}", []);
        file[10] = 0xFF;

        Assert.Contains("UTF-8", AssertRefused(file).Message);
    }

    [Fact]
    public void Exception_from_a_path_names_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"neuroslyn-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, Edit(header => header["0.weight"]!["shape"] = new JsonArray(4, 10)));
        try
        {
            var exception = Assert.Throws<WeightFileException>(() => WeightFile.Load(new InteropNet(), path));

            Assert.Equal($"{path}: 0.weight: expected F32 [8, 5], the file has F32 [4, 10]", exception.Message);
            Assert.Equal(path, exception.FilePath);
            Assert.IsAssignableFrom<IOException>(exception);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Loads <paramref name="file"/> into a trained network, expects the refusal, and checks nothing changed.</summary>
    internal static WeightFileException AssertRefused(byte[] file, WeightFileOptions? options = null)
    {
        InteropNet network = WeightFileTests.Trained(steps: 1);
        NetworkState before = NetworkState.Of(network);

        var exception = Assert.Throws<WeightFileException>(() => WeightFile.Read(network, file, options));

        before.AssertSame(NetworkState.Of(network));
        return exception;
    }

    private static byte[] Edit(Action<JsonObject> edit)
    {
        (JsonObject header, byte[] data) = SafeTensorsBytes.Split(s_valid);
        edit(header);
        return SafeTensorsBytes.Join(header, data);
    }

    /// <summary>The valid file without <paramref name="name"/>: its bytes cut out and the later offsets moved down.</summary>
    private static byte[] Remove(string name)
    {
        (JsonObject header, byte[] data) = SafeTensorsBytes.Split(s_valid);
        long begin = (long)header[name]!["data_offsets"]![0]!, end = (long)header[name]!["data_offsets"]![1]!;
        header.Remove(name);
        foreach ((string key, JsonNode? entry) in header.ToArray())
        {
            if (key != "__metadata__" && (long)entry!["data_offsets"]![0]! >= end)
            {
                entry["data_offsets"] = new JsonArray((long)entry["data_offsets"]![0]! - (end - begin), (long)entry["data_offsets"]![1]! - (end - begin));
            }
        }

        return SafeTensorsBytes.Join(header, [.. data.AsSpan(0, (int)begin), .. data.AsSpan((int)end)]);
    }

    private static byte[] Append(string name, string dtype, int[] shape, byte[] bytes)
    {
        (JsonObject header, byte[] data) = SafeTensorsBytes.Split(s_valid);
        header[name] = new JsonObject
        {
            ["dtype"] = dtype,
            ["shape"] = new JsonArray(shape.Select(dimension => (JsonNode)dimension).ToArray()),
            ["data_offsets"] = new JsonArray(data.Length, data.Length + bytes.Length),
        };
        return SafeTensorsBytes.Join(header, [.. data, .. bytes]);
    }
}
