using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Neuroslyn.Runtime.Tests.Weights;

/// <summary>
/// Runs code on a thread of its own whose effective Linux capabilities lack CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH,
/// so that file permissions apply to it even when the tests run as root (as in CI). Capabilities are per thread on
/// Linux; the thread ends with the action, and no other thread's are touched.
/// </summary>
internal static class WithoutFileReadOverride
{
    private const uint Version3 = 0x20080522; // _LINUX_CAPABILITY_VERSION_3: two 32-bit words per set
    private const int DacOverride = 1, DacReadSearch = 2;

    /// <summary>Runs <paramref name="action"/> without the two capabilities; rethrows what it threw.</summary>
    public static void Run(Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                DropOnThisThread();
                action();
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    private static unsafe void DropOnThisThread()
    {
        var header = new CapHeader { Version = Version3, Pid = 0 };
        CapData* data = stackalloc CapData[2];
        if (capget(&header, data) != 0)
        {
            throw new InvalidOperationException($"capget failed: errno {Marshal.GetLastPInvokeError()}");
        }

        data[0].Effective &= ~((1u << DacOverride) | (1u << DacReadSearch));
        if (capset(&header, data) != 0)
        {
            throw new InvalidOperationException($"capset failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CapHeader
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CapData
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern unsafe int capget(CapHeader* header, CapData* data);

    [DllImport("libc", SetLastError = true)]
    private static extern unsafe int capset(CapHeader* header, CapData* data);
}
