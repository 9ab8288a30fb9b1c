using System;
using System.Runtime.InteropServices;

namespace Neuroslyn.Kernels;

/// <summary>
/// Per-thread memory for the packed copies the generated matrix products make of their operands. It grows to the
/// largest request a thread has made and is then reused, so steady-state inference and training allocate nothing;
/// unlike <c>stackalloc</c> it is not cleared on every call, and it is large enough for operands that would not
/// fit a thread's stack.
/// </summary>
public static class KernelScratch
{
    [ThreadStatic]
    private static float[]? t_buffer;

    /// <summary>
    /// The start of at least <paramref name="length"/> floats that only the calling thread uses, with unspecified
    /// contents. Valid until the thread's next call: a kernel takes its scratch once and calls nothing that takes it.
    /// </summary>
    public static ref float Get(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        float[]? buffer = t_buffer;
        if (buffer is null || buffer.Length < length)
        {
            buffer = t_buffer = new float[length];
        }

        return ref MemoryMarshal.GetArrayDataReference(buffer);
    }
}
