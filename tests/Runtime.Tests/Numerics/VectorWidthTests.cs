using System;
using System.Runtime.Intrinsics;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Numerics;

/// <summary>
/// CI runs the numeric tests three times, with AVX-512 and then AVX2 switched off, so that the Vector256 and
/// Vector128 variants of every generated kernel are checked too. This proves the switches took effect.
/// </summary>
[Trait("Category", "Numeric")]
public sealed class VectorWidthTests
{
    [Fact]
    public void The_widths_switched_off_by_the_environment_are_not_used()
    {
        // .NET 10 reads DOTNET_EnableAVX512 (one switch for the AVX-512 family); DOTNET_EnableAVX512F is the older name.
        bool avx512Off = Environment.GetEnvironmentVariable("DOTNET_EnableAVX512F") == "0" || Environment.GetEnvironmentVariable("DOTNET_EnableAVX512") == "0";
        bool avx2Off = Environment.GetEnvironmentVariable("DOTNET_EnableAVX2") == "0";
        if (avx512Off || avx2Off)
        {
            Assert.False(Vector512.IsHardwareAccelerated, "DOTNET_EnableAVX512=0 (or DOTNET_EnableAVX512F=0) or DOTNET_EnableAVX2=0 is set, yet Vector512 code would run.");
        }

        if (avx2Off)
        {
            Assert.False(Vector256.IsHardwareAccelerated, "DOTNET_EnableAVX2=0 is set, yet Vector256 code would run.");
        }

        // Whatever the switches, some path runs: the scalar one at worst.
        Assert.True(Vector128.IsHardwareAccelerated || !Vector256.IsHardwareAccelerated);
    }
}
