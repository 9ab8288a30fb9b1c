using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Parsing;

/// <summary>
/// A layer kind before any layer is read: its attribute, where its arguments sit, and how to read one. One instance per
/// kind, listed in <see cref="LayerKinds"/>; the rest of the kind lives in its spec record and its emitter.
/// </summary>
internal abstract class LayerKind
{
    /// <summary>The attribute's class name in the <c>Neuroslyn</c> namespace (<c>DenseAttribute</c>).</summary>
    public abstract string AttributeName { get; }

    /// <summary>The attribute as written in source, without the suffix (<c>Dense</c>).</summary>
    public string ShortName => AttributeName.Substring(0, AttributeName.Length - "Attribute".Length);

    /// <summary>Position of the constructor's activation argument, or null for a kind without one (code fixes set it).</summary>
    public virtual int? ActivationArgument => null;

    /// <summary>Position of the constructor argument that sets the output size, or null when the input decides it.</summary>
    public virtual int? SizeArgument => null;

    /// <summary>Position of the constructor argument that sets the kernel's side (a convolution's, a pooling window), or null for a kind without one.</summary>
    public virtual int? KernelArgument => null;

    /// <summary>
    /// Reads one attribute of this kind: arguments checked (diagnostics through <paramref name="reader"/>), defaults
    /// applied, the output shape resolved from <paramref name="input"/>, offsets taken from <paramref name="offsets"/>.
    /// Null, with <paramref name="valid"/> false, when the layer cannot be built.
    /// </summary>
    public abstract LayerSpec? Read(AttributeReader reader, int index, TensorShape input, LayerOffsets offsets, ref bool valid);
}
