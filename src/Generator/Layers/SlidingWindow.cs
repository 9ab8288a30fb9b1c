using System;

namespace Neuroslyn.Generator.Model;

/// <summary>
/// Where a kernel that slides along one side of an image lands (a convolution's taps, a pooling window): the counts the
/// gradient-flow estimate needs, from the geometry the parser resolved. Shared by the kinds that slide a kernel.
/// </summary>
internal static class SlidingWindow
{
    /// <summary>
    /// The (output position, tap) pairs along one side whose tap lands on the input rather than on padding: the products
    /// that side contributes to the forward pass, each also a path of the backward one. Without padding it is
    /// <paramref name="outputs"/> × <paramref name="kernel"/>; padding and a stride larger than the kernel make it fewer.
    /// </summary>
    /// <param name="size">The input's side.</param>
    /// <param name="outputs">The output's side.</param>
    /// <param name="padBefore">Zeros before the first input position (above, or to the left).</param>
    public static long TapsOnInput(int size, int outputs, int kernel, int stride, int dilation, int padBefore)
    {
        long count = 0;
        for (int tap = 0; tap < kernel; tap++)
        {
            // Output o reads input o·stride − padBefore + tap·dilation: count the o that land in [0, size).
            long offset = ((long)tap * dilation) - padBefore;
            long first = Math.Max(0, (long)Math.Ceiling(-offset / (double)stride));
            long last = Math.Min(outputs - 1, (long)Math.Floor((size - 1 - offset) / (double)stride));
            count += Math.Max(0, last - first + 1);
        }

        return count;
    }
}
