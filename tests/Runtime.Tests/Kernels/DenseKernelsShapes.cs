using System;
using System.Collections.Generic;
using Neuroslyn.Kernels;
using Neuroslyn.Runtime.Tests.Networks;

namespace Neuroslyn.Runtime.Tests.Kernels;

// The dense layers of the kernel-test networks (WideTailNet ... GroupedPanelsNet), and of BatchNormNet (for its layer without a bias), as
// the shape structs the generated code will pass to DenseKernels<TShape>: one per layer, its constants written out as
// the generator would write them (the fused activation is ReLU or LeakyReLU where the layer has one, Linear otherwise).
// DenseKernelsTests checks each against the network's Layers before using it.

internal readonly struct WideTail0 : IDenseShape
{
    public static int Inputs => 37;

    public static int Outputs => 45;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.Linear;

    public static float LeakySlope => 0.01f;
}

internal readonly struct WideTail1 : IDenseShape
{
    public static int Inputs => 45;

    public static int Outputs => 19;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.Linear;

    public static float LeakySlope => 0.01f;
}

internal readonly struct WideTail2 : IDenseShape
{
    public static int Inputs => 19;

    public static int Outputs => 33;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.Linear;

    public static float LeakySlope => 0.01f;
}

internal readonly struct WideInference0 : IDenseShape
{
    public static int Inputs => 70;

    public static int Outputs => 100;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.ReLU;

    public static float LeakySlope => 0.01f;
}

internal readonly struct WideInference1 : IDenseShape
{
    public static int Inputs => 100;

    public static int Outputs => 65;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.Linear;

    public static float LeakySlope => 0.01f;
}

internal readonly struct WideInference2 : IDenseShape
{
    public static int Inputs => 65;

    public static int Outputs => 10;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.Linear;

    public static float LeakySlope => 0.01f;
}

internal readonly struct EveryActivation0 : IDenseShape
{
    public static int Inputs => 5;

    public static int Outputs => 7;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.Linear;

    public static float LeakySlope => 0.01f;
}

internal readonly struct EveryActivation1 : IDenseShape
{
    public static int Inputs => 7;

    public static int Outputs => 6;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.Linear;

    public static float LeakySlope => 0.01f;
}

internal readonly struct EveryActivation2 : IDenseShape
{
    public static int Inputs => 6;

    public static int Outputs => 6;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.LeakyReLU;

    public static float LeakySlope => 0.1f;
}

internal readonly struct EveryActivation3 : IDenseShape
{
    public static int Inputs => 6;

    public static int Outputs => 5;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.ReLU;

    public static float LeakySlope => 0.01f;
}

internal readonly struct EveryActivation4 : IDenseShape
{
    public static int Inputs => 5;

    public static int Outputs => 4;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.Linear;

    public static float LeakySlope => 0.01f;
}

internal readonly struct DeepBlock0 : IDenseShape
{
    public static int Inputs => 4400;

    public static int Outputs => 36;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.ReLU;

    public static float LeakySlope => 0.01f;
}

internal readonly struct DeepBlock1 : IDenseShape
{
    public static int Inputs => 36;

    public static int Outputs => 2060;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.LeakyReLU;

    public static float LeakySlope => 0.05f;
}

internal readonly struct DeepBlock2 : IDenseShape
{
    public static int Inputs => 2060;

    public static int Outputs => 3;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.Linear;

    public static float LeakySlope => 0.01f;
}

internal readonly struct GroupedPanels0 : IDenseShape
{
    public static int Inputs => 520;

    public static int Outputs => 300;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.ReLU;

    public static float LeakySlope => 0.01f;
}

internal readonly struct GroupedPanels1 : IDenseShape
{
    public static int Inputs => 300;

    public static int Outputs => 20;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.ReLU;

    public static float LeakySlope => 0.01f;
}

internal readonly struct GroupedPanels2 : IDenseShape
{
    public static int Inputs => 20;

    public static int Outputs => 3;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.Linear;

    public static float LeakySlope => 0.01f;
}

internal readonly struct BatchNorm1 : IDenseShape
{
    public static int Inputs => 6;

    public static int Outputs => 8;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.Linear;

    public static float LeakySlope => 0.01f;
}

/// <summary>The one dense layer without a bias.</summary>
internal readonly struct BatchNorm3 : IDenseShape
{
    public static int Inputs => 8;

    public static int Outputs => 7;

    public static bool HasBias => false;

    public static Activation FusedActivation => Activation.Linear;

    public static float LeakySlope => 0.01f;
}

internal readonly struct BatchNorm5 : IDenseShape
{
    public static int Inputs => 7;

    public static int Outputs => 3;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.Linear;

    public static float LeakySlope => 0.01f;
}

/// <summary>FashionNet's first layer, for the messages of the argument checks.</summary>
internal readonly struct Fashion0 : IDenseShape
{
    public static int Inputs => 784;

    public static int Outputs => 256;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.ReLU;

    public static float LeakySlope => 0.01f;
}

/// <summary>A shape that asks for an activation the kernels do not fuse.</summary>
internal readonly struct SigmoidFused : IDenseShape
{
    public static int Inputs => 4;

    public static int Outputs => 4;

    public static bool HasBias => true;

    public static Activation FusedActivation => Activation.Sigmoid;

    public static float LeakySlope => 0.01f;
}

/// <summary>Which shape struct stands for which layer.</summary>
internal static class DenseKernelsShapes
{
    /// <summary>The shape struct of each dense layer of each network, by network and layer index.</summary>
    public static readonly IReadOnlyDictionary<(Type Network, int Layer), Type> ByLayer = new Dictionary<(Type, int), Type>
    {
        [(typeof(WideTailNet), 0)] = typeof(WideTail0),
        [(typeof(WideTailNet), 1)] = typeof(WideTail1),
        [(typeof(WideTailNet), 2)] = typeof(WideTail2),
        [(typeof(WideInferenceNet), 0)] = typeof(WideInference0),
        [(typeof(WideInferenceNet), 1)] = typeof(WideInference1),
        [(typeof(WideInferenceNet), 2)] = typeof(WideInference2),
        [(typeof(EveryActivationNet), 0)] = typeof(EveryActivation0),
        [(typeof(EveryActivationNet), 1)] = typeof(EveryActivation1),
        [(typeof(EveryActivationNet), 2)] = typeof(EveryActivation2),
        [(typeof(EveryActivationNet), 3)] = typeof(EveryActivation3),
        [(typeof(EveryActivationNet), 4)] = typeof(EveryActivation4),
        [(typeof(DeepBlockNet), 0)] = typeof(DeepBlock0),
        [(typeof(DeepBlockNet), 1)] = typeof(DeepBlock1),
        [(typeof(DeepBlockNet), 2)] = typeof(DeepBlock2),
        [(typeof(GroupedPanelsNet), 0)] = typeof(GroupedPanels0),
        [(typeof(GroupedPanelsNet), 1)] = typeof(GroupedPanels1),
        [(typeof(GroupedPanelsNet), 2)] = typeof(GroupedPanels2),
        [(typeof(BatchNormNet), 1)] = typeof(BatchNorm1),
        [(typeof(BatchNormNet), 3)] = typeof(BatchNorm3),
        [(typeof(BatchNormNet), 5)] = typeof(BatchNorm5),
    };
}
