namespace Neuroslyn.Generator.Parsing;

/// <summary>Metadata names of the runtime's attributes and enums, the parser's only coupling to the runtime.</summary>
internal static class AttributeNames
{
    public const string Namespace = "Neuroslyn";
    public const string Network = "Neuroslyn.NetworkAttribute";
    public const string Dense = "DenseAttribute";
    public const string Dropout = "DropoutAttribute";
    public const string BatchNorm = "BatchNormAttribute";
}
