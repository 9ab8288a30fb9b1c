using System;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;

namespace Neuroslyn.Benchmarks.Modes;

/// <summary>
/// Times two operations in alternating rounds (A B, B A, A B, ...) in one process and takes one ratio per round. On a
/// shared machine the load changes over seconds and minutes: BenchmarkDotNet measures each implementation in its own
/// process, one after another, so a neighbour's burst lands on one side of a ratio only. Here both sides of every ratio
/// are measured within a few tens of milliseconds of each other, and the alternating order cancels a steady drift.
/// </summary>
/// <param name="A">The first operation (usually Neuroslyn).</param>
/// <param name="B">The second operation (usually the peer).</param>
/// <param name="RoundMilliseconds">About how long each side of a round runs.</param>
public sealed record InterleavedPair(Action A, Action B, double RoundMilliseconds = 25)
{
    /// <summary>Rounds per pair: odd, so the median is one round's ratio.</summary>
    public const int Rounds = 41;

    /// <summary>
    /// How long each side runs before the rounds: past tiered compilation's call counting (30 calls, then a
    /// background compile after 100 ms), so the rounds time Tier1 code, as BenchmarkDotNet's warm-up does.
    /// </summary>
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(1.5);

    /// <summary>Calls of each side before the rounds, however slow the call: tiering counts calls, not time.</summary>
    private const int WarmupCalls = 50;

    /// <summary>Warms both sides up, then times <see cref="Rounds"/> rounds.</summary>
    public InterleavedTimes Measure()
    {
        WarmUp(A);
        WarmUp(B);
        int callsA = CallsPerRound(A), callsB = CallsPerRound(B);
        var secondsA = new double[Rounds];
        var secondsB = new double[Rounds];
        for (int round = 0; round < Rounds; round++)
        {
            if (round % 2 == 0)
            {
                secondsA[round] = SecondsPerCall(A, callsA);
                secondsB[round] = SecondsPerCall(B, callsB);
            }
            else
            {
                secondsB[round] = SecondsPerCall(B, callsB);
                secondsA[round] = SecondsPerCall(A, callsA);
            }
        }

        return new InterleavedTimes(secondsA, secondsB);
    }

    private static void WarmUp(Action operation)
    {
        var clock = Stopwatch.StartNew();
        for (int calls = 0; calls < WarmupCalls || clock.Elapsed < WarmupTime; calls++)
        {
            operation();
        }
    }

    /// <summary>Calls that take about <see cref="RoundMilliseconds"/>, at least one, from a short timed trial.</summary>
    private int CallsPerRound(Action operation)
    {
        double trial = SecondsPerCall(operation, 1);
        for (int calls = 2; trial * calls < 0.005; calls *= 2)
        {
            trial = SecondsPerCall(operation, calls);
        }

        return Math.Max(1, (int)(RoundMilliseconds / 1000 / trial));
    }

    private static double SecondsPerCall(Action operation, int calls)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
        {
            operation();
        }

        return Stopwatch.GetElapsedTime(start).TotalSeconds / calls;
    }
}

/// <summary>Seconds per call of each side, round by round (index i of both arrays is one round).</summary>
public sealed record InterleavedTimes(double[] SecondsA, double[] SecondsB)
{
    /// <summary>The median over rounds of <paramref name="ratio"/>(A's seconds, B's seconds), with its quartiles.</summary>
    public (double Median, double Lower, double Upper) RatioQuartiles(Func<double, double, double> ratio)
    {
        double[] sorted = SecondsA.Zip(SecondsB, ratio).Order().ToArray();
        return (Quantile(sorted, 0.5), Quantile(sorted, 0.25), Quantile(sorted, 0.75));
    }

    /// <summary>
    /// Writes <paramref name="ratio"/> (from <see cref="RatioQuartiles"/>) as the JSON object <paramref name="name"/>, the
    /// form make_table.py reads, with each side's median seconds per call.
    /// </summary>
    public void WriteRatio(Utf8JsonWriter json, string name, (double Median, double Lower, double Upper) ratio)
    {
        json.WriteStartObject(name);
        json.WriteNumber("median", ratio.Median);
        json.WriteNumber("lowerQuartile", ratio.Lower);
        json.WriteNumber("upperQuartile", ratio.Upper);
        json.WriteNumber("medianSecondsA", Median(SecondsA));
        json.WriteNumber("medianSecondsB", Median(SecondsB));
        json.WriteEndObject();
    }

    /// <summary>The median of one side's seconds per call.</summary>
    public static double Median(double[] seconds) => Quantile(seconds.Order().ToArray(), 0.5);

    // Linear interpolation between the closest ranks, as numpy's default.
    private static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
