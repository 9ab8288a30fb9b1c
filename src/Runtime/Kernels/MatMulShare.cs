namespace Neuroslyn.Kernels;

/// <summary>
/// Share <paramref name="part"/> of <paramref name="parts"/> of a generated matrix product: the generated code decides
/// which rows and columns a share covers (disjoint shares that together cover the product). It hands one of these to
/// <see cref="KernelThreads.MatMul"/>, which calls it on several threads, one share each.
/// </summary>
/// <param name="a">The left operand.</param>
/// <param name="b">The right operand.</param>
/// <param name="bias">The bias, or a null reference for a product without one.</param>
/// <param name="c">The result.</param>
/// <param name="count">The run-time extent (the batch size).</param>
/// <param name="part">Which share to compute, from 0.</param>
/// <param name="parts">How many shares the product is split into.</param>
public delegate void MatMulShare(ref float a, ref float b, ref float bias, ref float c, nuint count, nuint part, nuint parts);
