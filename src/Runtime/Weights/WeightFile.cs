using System;
using System.IO;

namespace Neuroslyn.Weights;

/// <summary>
/// Saves and loads the state of a generated network as safetensors, with PyTorch's state_dict names and layouts, so
/// that <c>model.load_state_dict(...)</c> of the equivalent <c>nn.Sequential</c> accepts our files and we accept files
/// written by <c>safetensors.torch.save_file(model.state_dict(), path)</c>.
/// </summary>
/// <remarks>
/// <para>
/// The file holds every tensor of <see cref="ICompiledNetwork{TSelf}.Tensors"/>: dense weights as <c>[out, in]</c>
/// (transposed from the network's input-major storage), biases, BatchNorm's weight, bias, running_mean, running_var
/// and num_batches_tracked (0-dim int64), all named <c>&lt;layer&gt;.&lt;tensor&gt;</c> where the layer is its
/// <c>nn.Sequential</c> index or the Name its attribute sets. With
/// <see cref="WeightFileOptions.IncludeOptimizerState"/> it also holds the optimizer's state, so training resumes
/// exactly: <c>optimizer.step</c> (int64) and <c>optimizer.&lt;tensor&gt;.exp_avg</c>/<c>exp_avg_sq</c> (Adam) or
/// <c>.momentum_buffer</c> (SGD with momentum).
/// </para>
/// <para>
/// Loading checks the whole file before it changes anything: header length, JSON, dtypes, every tensor present with
/// its exact shape, nothing unexpected, offsets in range and covering the data exactly, the file's size. Any problem
/// throws <see cref="WeightFileException"/> and leaves the network as it was. Saving to a path is atomic: a crash
/// mid-save leaves the previous file intact.
/// </para>
/// <para>Neither may overlap training or inference on the same network.</para>
/// </remarks>
public static class WeightFile
{
    /// <summary>Saves <paramref name="network"/>'s state to <paramref name="path"/>, atomically replacing any file there.</summary>
    public static void Save<TNet>(TNet network, string path, WeightFileOptions? options = null)
        where TNet : ICompiledNetwork<TNet>, ITrainingState
        => Save(network, path, options, wrap: null);

    /// <summary>Saves, letting a test wrap the temporary file's stream.</summary>
    internal static void Save<TNet>(TNet network, string path, WeightFileOptions? options, Func<Stream, Stream>? wrap)
        where TNet : ICompiledNetwork<TNet>, ITrainingState
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, stream => Write(network, stream, options), wrap);
    }

    /// <summary>Writes <paramref name="network"/>'s state to <paramref name="stream"/> as safetensors.</summary>
    public static void Write<TNet>(TNet network, Stream stream, WeightFileOptions? options = null)
        where TNet : ICompiledNetwork<TNet>, ITrainingState
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        options ??= WeightFileOptions.Default;
        SafeTensorsWriter.Write(network, StateLayout.Of(network, options.IncludeOptimizerState), stream);
    }

    /// <summary><paramref name="network"/>'s state as the bytes of a safetensors file.</summary>
    public static byte[] ToBytes<TNet>(TNet network, WeightFileOptions? options = null)
        where TNet : ICompiledNetwork<TNet>, ITrainingState
    {
        using var stream = new MemoryStream();
        Write(network, stream, options);
        return stream.ToArray();
    }

    /// <summary>Loads the state in the safetensors file at <paramref name="path"/> into <paramref name="network"/>.</summary>
    /// <exception cref="WeightFileException">
    /// The path is not a regular file this process may read (a folder, a FIFO, a device, nothing), or the file is not a
    /// valid weight file for this network; the network is unchanged.
    /// </exception>
    public static void Load<TNet>(TNet network, string path, WeightFileOptions? options = null)
        where TNet : ICompiledNetwork<TNet>, ITrainingState
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = WeightFilePath.OpenRead(path);
        try
        {
            Read(network, stream, options);
        }
        catch (WeightFileException exception) when (exception.FilePath is null)
        {
            throw exception.WithPath(path);
        }
    }

    /// <summary>
    /// Loads the safetensors file that <paramref name="stream"/> holds from its current position to its end into
    /// <paramref name="network"/>. The stream must be seekable.
    /// </summary>
    /// <exception cref="WeightFileException">The file is not a valid weight file for this network; the network is unchanged.</exception>
    public static void Read<TNet>(TNet network, Stream stream, WeightFileOptions? options = null)
        where TNet : ICompiledNetwork<TNet>, ITrainingState
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("Weight files are read from a readable, seekable stream (a file or a MemoryStream): the header says where each tensor is.", nameof(stream));
        }

        SafeTensorsReader.Read(network, stream, options ?? WeightFileOptions.Default);
    }

    /// <summary>Loads the safetensors file in <paramref name="bytes"/> into <paramref name="network"/>.</summary>
    /// <exception cref="WeightFileException">The bytes are not a valid weight file for this network; the network is unchanged.</exception>
    public static void Read<TNet>(TNet network, byte[] bytes, WeightFileOptions? options = null)
        where TNet : ICompiledNetwork<TNet>, ITrainingState
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var stream = new MemoryStream(bytes, writable: false);
        Read(network, stream, options);
    }
}
