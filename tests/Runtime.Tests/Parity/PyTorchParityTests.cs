using System;
using System.Collections.Generic;
using System.Linq;
using Neuroslyn.Runtime.Tests.Networks;
using Neuroslyn.Runtime.Tests.Numerics;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Parity;

/// <summary>
/// Forward outputs, loss, every gradient, and the state after two Adam steps and after two SGD-with-momentum
/// steps match PyTorch 1.13 on the same weights and data (Parity/Reference, made by make_reference.py), for six
/// multilayer perceptrons and five image networks (convolutions with every option, both poolings, BatchNorm2d).
/// </summary>
/// <remarks>
/// Tolerance: |ours - PyTorch| ≤ 1e-5 + 1e-4·|PyTorch| for every value. Both sides compute in float32 but sum in
/// different orders (and our element-wise functions are vectorised approximations), so bit equality is not
/// expected; 1e-5 is about a hundred float32 rounding steps at the magnitudes involved.
/// One exception, inherent to Adam: where the true gradient is zero (a bias feeding BatchNorm, whose backward pass
/// sums to zero over the batch) both sides hold only rounding noise (|g| &lt; 1e-6 here), and Adam divides it by its
/// own magnitude, so the step's sign is the noise's. There the test checks Adam's bound instead: no parameter moves
/// more than the learning rate per step.
/// </remarks>
[Trait("Category", "Numeric")]
public sealed class PyTorchParityTests
{
    private const double Absolute = 1e-5;
    private const double Relative = 1e-4;

    [Fact] public void ReluMlp_with_Adam() => Check<ReluMlpAdam, int>("ReluMlp", "adam", c => c.LabelTargets);

    [Fact] public void ReluMlp_with_SGD_momentum() => Check<ReluMlpSgd, int>("ReluMlp", "sgd_momentum", c => c.LabelTargets);

    [Fact] public void LeakyBatchNorm_with_Adam() => Check<LeakyBatchNormAdam, int>("LeakyBatchNorm", "adam", c => c.LabelTargets);

    [Fact] public void LeakyBatchNorm_with_SGD_momentum() => Check<LeakyBatchNormSgd, int>("LeakyBatchNorm", "sgd_momentum", c => c.LabelTargets);

    [Fact] public void SigmoidRegressor_with_Adam() => Check<SigmoidRegressorAdam, float>("SigmoidRegressor", "adam", c => c.FloatTargets);

    [Fact] public void SigmoidRegressor_with_SGD_momentum() => Check<SigmoidRegressorSgd, float>("SigmoidRegressor", "sgd_momentum", c => c.FloatTargets);

    [Fact] public void BinaryBatchNorm_with_Adam() => Check<BinaryBatchNormAdam, float>("BinaryBatchNorm", "adam", c => c.FloatTargets);

    [Fact] public void BinaryBatchNorm_with_SGD_momentum() => Check<BinaryBatchNormSgd, float>("BinaryBatchNorm", "sgd_momentum", c => c.FloatTargets);

    [Fact] public void SoftmaxOutput_with_Adam() => Check<SoftmaxOutputAdam, int>("SoftmaxOutput", "adam", c => c.LabelTargets);

    [Fact] public void SoftmaxOutput_with_SGD_momentum() => Check<SoftmaxOutputSgd, int>("SoftmaxOutput", "sgd_momentum", c => c.LabelTargets);

    [Fact] public void WideBatchNormRegressor_with_Adam() => Check<WideBatchNormRegressorAdam, float>("WideBatchNormRegressor", "adam", c => c.FloatTargets);

    [Fact] public void WideBatchNormRegressor_with_SGD_momentum() => Check<WideBatchNormRegressorSgd, float>("WideBatchNormRegressor", "sgd_momentum", c => c.FloatTargets);

    [Fact] public void ConvReluPool_with_Adam() => Check<ConvReluPoolAdam, int>("ConvReluPool", "adam", c => c.LabelTargets);

    [Fact] public void ConvReluPool_with_SGD_momentum() => Check<ConvReluPoolSgd, int>("ConvReluPool", "sgd_momentum", c => c.LabelTargets);

    [Fact] public void ConvBatchNorm_with_Adam() => Check<ConvBatchNormAdam, float>("ConvBatchNorm", "adam", c => c.FloatTargets);

    [Fact] public void ConvBatchNorm_with_SGD_momentum() => Check<ConvBatchNormSgd, float>("ConvBatchNorm", "sgd_momentum", c => c.FloatTargets);

    [Fact] public void ConvStridedSame_with_Adam() => Check<ConvStridedSameAdam, int>("ConvStridedSame", "adam", c => c.LabelTargets);

    [Fact] public void ConvStridedSame_with_SGD_momentum() => Check<ConvStridedSameSgd, int>("ConvStridedSame", "sgd_momentum", c => c.LabelTargets);

    [Fact] public void ConvGroupsDepthwise_with_Adam() => Check<ConvGroupsDepthwiseAdam, int>("ConvGroupsDepthwise", "adam", c => c.LabelTargets);

    [Fact] public void ConvGroupsDepthwise_with_SGD_momentum() => Check<ConvGroupsDepthwiseSgd, int>("ConvGroupsDepthwise", "sgd_momentum", c => c.LabelTargets);

    [Fact] public void ConvPaddedMaxPoolBinary_with_Adam() => Check<ConvPaddedMaxPoolBinaryAdam, float>("ConvPaddedMaxPoolBinary", "adam", c => c.FloatTargets);

    [Fact] public void ConvPaddedMaxPoolBinary_with_SGD_momentum() => Check<ConvPaddedMaxPoolBinarySgd, float>("ConvPaddedMaxPoolBinary", "sgd_momentum", c => c.FloatTargets);

    [Fact] public void ConvBatchNormMaxPool_with_Adam() => Check<ConvBatchNormMaxPoolAdam, float>("ConvBatchNormMaxPool", "adam", c => c.FloatTargets);

    [Fact] public void ConvBatchNormMaxPool_with_SGD_momentum() => Check<ConvBatchNormMaxPoolSgd, float>("ConvBatchNormMaxPool", "sgd_momentum", c => c.FloatTargets);

    [Fact] public void ResidualBasicBlock_with_Adam() => Check<ResidualBasicBlockAdam, int>("ResidualBasicBlock", "adam", c => c.LabelTargets);

    [Fact] public void ResidualBasicBlock_with_SGD_momentum() => Check<ResidualBasicBlockSgd, int>("ResidualBasicBlock", "sgd_momentum", c => c.LabelTargets);

    [Fact] public void ResidualProjection_with_Adam() => Check<ResidualProjectionAdam, float>("ResidualProjection", "adam", c => c.FloatTargets);

    [Fact] public void ResidualProjection_with_SGD_momentum() => Check<ResidualProjectionSgd, float>("ResidualProjection", "sgd_momentum", c => c.FloatTargets);

    [Fact] public void ResidualMlp_with_Adam() => Check<ResidualMlpAdam, int>("ResidualMlp", "adam", c => c.LabelTargets);

    [Fact] public void ResidualMlp_with_SGD_momentum() => Check<ResidualMlpSgd, int>("ResidualMlp", "sgd_momentum", c => c.LabelTargets);

    private static void Check<TNet, TTarget>(string caseName, string optimizer, Func<ReferenceCase, TTarget[]> targetsOf)
        where TNet : ICompiledNetwork<TNet>, ITrainableNetwork<TTarget>
        where TTarget : unmanaged
    {
        ReferenceCase reference = ReferenceCase.Load(caseName);
        float[] inputs = reference.Inputs;
        TTarget[] targets = targetsOf(reference);

        // Inference mode: running statistics, output activation applied.
        TNet network = TNet.Create(0);
        StateDict.Load(network, reference.Initial);
        var outputs = new float[reference.EvalOutputs.Length];
        network.PredictBatch(inputs, outputs);
        Close(reference.EvalOutputs, outputs, "eval output");

        // Training mode: batch statistics; the gradient of every parameter.
        float loss = network.ComputeGradients(inputs, targets);
        Close([reference.Loss], [loss], "loss");
        foreach (TensorInfo tensor in TNet.Tensors)
        {
            if (tensor.IsParameter)
            {
                Close(reference.Gradients[tensor.Name], StateDict.ToTorch(tensor, network.Gradients), $"gradient of {tensor.Name}");
            }
        }

        // Two optimizer steps from the initial state, on the same batch.
        (float[] losses, Dictionary<string, float[]> afterStep1, Dictionary<string, float[]> afterStep2) = reference.Run(optimizer);
        TNet trained = TNet.Create(0);
        StateDict.Load(trained, reference.Initial);
        Close([losses[0]], [trained.TrainBatch(inputs, targets)], "loss of step 1");
        Dictionary<string, float[]> initial = reference.Initial, gradients = reference.Gradients;
        float noisyStepBound = optimizer == "adam" ? trained.LearningRate * 1.01f : 0f;
        CloseState(trained, afterStep1, "after step 1", initial, gradients, noisyStepBound);

        // Step 2 starts from PyTorch's state after step 1, so that step 1's noise-driven Adam moves (see remarks)
        // do not leak into step 2 through BatchNorm's batch statistics. The optimizer's moments stay ours.
        StateDict.Load(trained, afterStep1);
        Close([losses[1]], [trained.TrainBatch(inputs, targets)], "loss of step 2");
        CloseState(trained, afterStep2, "after step 2", afterStep1, gradients, noisyStepBound);
    }

    /// <param name="noisyStepBound">
    /// For Adam, how far a parameter whose reference gradient is rounding noise may have moved; 0 compares every
    /// parameter exactly.
    /// </param>
    private static void CloseState<TNet>(TNet network, Dictionary<string, float[]> expected, string when, Dictionary<string, float[]> initial, Dictionary<string, float[]> gradients, float noisyStepBound)
        where TNet : ICompiledNetwork<TNet>
    {
        const float NoiseFloor = 1e-6f;
        // The reference holds the float tensors; BatchNorm's num_batches_tracked counters are not in it.
        Assert.Equal(TNet.Tensors.Count(tensor => !tensor.IsCounter), expected.Count);
        foreach (TensorInfo tensor in TNet.Tensors.Where(tensor => !tensor.IsCounter))
        {
            ReadOnlySpan<float> source = tensor.IsBuffer ? network.Buffers : network.Parameters;
            float[] actual = StateDict.ToTorch(tensor, source);
            float[] wanted = (float[])expected[tensor.Name].Clone();
            if (noisyStepBound > 0 && tensor.IsParameter)
            {
                float[] start = initial[tensor.Name], gradient = gradients[tensor.Name];
                for (int i = 0; i < actual.Length; i++)
                {
                    if (Math.Abs(gradient[i]) < NoiseFloor)
                    {
                        Assert.True(Math.Abs(actual[i] - start[i]) <= noisyStepBound, $"{tensor.Name}[{i}] {when} moved {actual[i] - start[i]:G3}, more than Adam's bound {noisyStepBound:G3}.");
                        wanted[i] = actual[i];
                    }
                }
            }

            Close(wanted, actual, $"{tensor.Name} {when}");
        }
    }

    private static void Close(float[] expected, float[] actual, string what)
        => ScalarReferenceTests.AssertClose(Array.ConvertAll(expected, v => (double)v), actual, Absolute, Relative, what);
}
