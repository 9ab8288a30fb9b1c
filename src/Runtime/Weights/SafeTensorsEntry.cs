namespace Neuroslyn.Weights;

/// <summary>One tensor as a safetensors header declares it; offsets are relative to the data section, end exclusive.</summary>
internal sealed record SafeTensorsEntry(string Name, string DType, long[] Shape, long Begin, long End)
{
    /// <summary>How the messages describe it: <c>F32 [64, 784]</c>.</summary>
    public string Describe() => $"{DType} {SafeTensorsDType.Shape(Shape)}";
}
