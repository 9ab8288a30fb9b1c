namespace Neuroslyn.Generator.Parsing;

/// <summary>Metadata names of the runtime's attributes and enums, the parser's only coupling to the runtime (each layer kind names its own attribute).</summary>
internal static class AttributeNames
{
    public const string Namespace = "Neuroslyn";
    public const string Network = "Neuroslyn.NetworkAttribute";
}
