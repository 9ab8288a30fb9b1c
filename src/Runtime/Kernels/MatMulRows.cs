namespace Neuroslyn.Kernels;

/// <summary>
/// Rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) of a generated matrix product. The generated code
/// hands one of these to <see cref="KernelThreads.MatMul"/>, which calls it on several threads with disjoint rows.
/// </summary>
/// <param name="a">The left operand.</param>
/// <param name="b">The right operand.</param>
/// <param name="bias">The bias, or a null reference for a product without one.</param>
/// <param name="c">The result.</param>
/// <param name="count">The run-time extent (the batch size).</param>
/// <param name="rowStart">The first row to compute.</param>
/// <param name="rowEnd">One past the last row to compute.</param>
public delegate void MatMulRows(ref float a, ref float b, ref float bias, ref float c, nuint count, nuint rowStart, nuint rowEnd);
