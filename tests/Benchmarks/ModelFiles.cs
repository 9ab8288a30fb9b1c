using System;
using System.IO;

namespace Neuroslyn.Benchmarks;

/// <summary>
/// Finds the files peers/make_onnx.py wrote (NAME.onnx, NAME.safetensors). run.sh passes the folder in
/// NEUROSLYN_BENCH_MODELS; BenchmarkDotNet's child processes inherit it.
/// </summary>
public static class ModelFiles
{
    /// <summary>The environment variable that names the folder.</summary>
    public const string Variable = "NEUROSLYN_BENCH_MODELS";

    /// <summary>The path of <paramref name="fileName"/> in the models folder; throws with the fix when it is missing.</summary>
    public static string Path(string fileName)
    {
        string folder = Environment.GetEnvironmentVariable(Variable)
            ?? throw new InvalidOperationException($"{Variable} is not set: run tests/Benchmarks/run.sh, or run peers/make_onnx.py FOLDER and set {Variable}=FOLDER.");
        string path = System.IO.Path.Combine(folder, fileName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: run peers/make_onnx.py {folder}.", path);
    }
}
