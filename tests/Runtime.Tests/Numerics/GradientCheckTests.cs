using Neuroslyn.Runtime.Tests.Networks;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Numerics;

/// <summary>The generated backward pass matches central finite differences, for every parameter.</summary>
[Trait("Category", "Numeric")]
public sealed class GradientCheckTests
{
    // Six rows: one full four-row tile of the matrix kernels and two leftover rows.
    private const int Rows = 6;

    // ReLU and LeakyReLU have a kink at 0: a central difference whose step carries a pre-activation across it
    // measures the average of the two slopes, not the derivative. The data seeds are chosen so that no
    // pre-activation lies that close to 0; ScalarReferenceTests checks the exact derivatives without a step.

    [Fact]
    public void Every_activation_with_mean_squared_error()
        => GradientCheck.Run(new EveryActivationNet(), TestData.Normal(Rows * 5, 21), TestData.Normal(Rows * 4, 22));

    [Fact]
    public void Softmax_output_under_mean_squared_error_uses_the_softmax_jacobian()
        => GradientCheck.Run(new SoftmaxMseNet(), TestData.Normal(Rows * 4, 3), TestData.Normal(Rows * 4, 4, 0.3f));

    [Fact]
    public void Softmax_cross_entropy_from_logits()
        => GradientCheck.Run(new CrossEntropyLogitsNet(), TestData.Normal(Rows * 6, 5), TestData.Labels(Rows, 4, 6));

    [Fact]
    public void Softmax_cross_entropy_with_the_softmax_folded_in()
        => GradientCheck.Run(new CrossEntropyFoldedSoftmaxNet(), TestData.Normal(Rows * 6, 7), TestData.Labels(Rows, 4, 8));

    [Fact]
    public void Binary_cross_entropy_from_logits()
        => GradientCheck.Run(new BinaryLogitsNet(), TestData.Normal(Rows * 5, 9), TestData.Binary(Rows * 3, 10));

    [Fact]
    public void Binary_cross_entropy_with_the_sigmoid_folded_in()
        => GradientCheck.Run(new BinaryFoldedSigmoidNet(), TestData.Normal(Rows * 5, 11), TestData.Binary(Rows * 2, 12));

    [Fact]
    public void Batch_normalization_including_as_first_layer_and_after_a_dense_layer_without_bias()
        => GradientCheck.Run(new BatchNormNet(), TestData.Normal(Rows * 6, 13), TestData.Labels(Rows, 3, 14));

    [Fact]
    public void Dropout_with_its_mask_fixed()
        => GradientCheck.Run(new DropoutNet(), TestData.Normal(Rows * 6, 15), TestData.Normal(Rows * 3, 16));

    [Fact]
    public void Widths_that_leave_partial_vectors_in_every_kernel()
        => GradientCheck.Run(new WideTailNet(), TestData.Normal(9 * 37, 17), TestData.Labels(9, 33, 18));

    [Fact]
    public void Convolution_without_padding_then_padded_max_pooling_and_flatten_over_two_channels()
        => GradientCheck.Run(new ConvValidNet(), TestData.Normal(Rows * ConvValidNet.InputSize, 41), TestData.Normal(Rows * 4, 42));

    [Fact]
    public void Convolution_with_same_padding_at_stride_2_then_padded_average_pooling()
        => GradientCheck.Run(new ConvStridedSameNet(), TestData.Normal(Rows * ConvStridedSameNet.InputSize, 43), TestData.Labels(Rows, 3, 44));

    [Fact]
    public void Dilated_convolution_without_bias_and_an_even_kernel_with_same_padding_then_global_average_pooling()
        => GradientCheck.Run(new ConvDilatedEvenSameNet(), TestData.Normal(Rows * ConvDilatedEvenSameNet.InputSize, 45), TestData.Normal(Rows * 2, 46));

    [Fact]
    public void Grouped_depthwise_channel_multiplier_and_1x1_convolutions()
        => GradientCheck.Run(new ConvGroupsNet(), TestData.Normal(Rows * ConvGroupsNet.InputSize, 47), TestData.Normal(Rows * 2, 48));

    [Fact]
    public void Batch_normalization_over_channels_padded_strided_average_pooling_and_dropout_on_an_image()
        => GradientCheck.Run(new ConvBatchNormNet(), TestData.Normal(Rows * ConvBatchNormNet.InputSize, 49), TestData.Labels(Rows, 3, 50));

    [Fact]
    public void Residual_block_with_an_identity_shortcut_at_the_input_of_a_multi_channel_image()
        => GradientCheck.Run(new ResidualIdentityNet(), TestData.Normal(Rows * ResidualIdentityNet.InputSize, 51), TestData.Normal(Rows * 3, 52));

    [Fact]
    public void Residual_blocks_with_a_strided_projection_after_batch_normalization_then_an_identity_block()
        => GradientCheck.Run(new ResidualProjectionNet(), TestData.Normal(Rows * ResidualProjectionNet.InputSize, 53), TestData.Labels(Rows, 3, 54));

    [Fact]
    public void Residual_block_over_vectors_with_a_linear_projection()
        => GradientCheck.Run(new ResidualDenseNet(), TestData.Normal(Rows * ResidualDenseNet.InputSize, 55), TestData.Normal(Rows * 2, 56));

    [Fact]
    public void Residual_block_at_the_input_of_a_single_channel_image_with_a_linear_sum()
        => GradientCheck.Run(new ResidualSingleChannelNet(), TestData.Normal(Rows * ResidualSingleChannelNet.InputSize, 57), TestData.Binary(Rows, 58));

    /// <remarks>
    /// A weight before BatchNorm moves every normalised value of its channel, and with overlapping windows some window's
    /// maximum changes hands within the default step: at 2e-3 and 1e-3 a few weights miss by 3% to 20% (a kink, not an
    /// error: the same network matches PyTorch's gradients in the parity test ConvBatchNormMaxPool), at 5e-4 every one
    /// agrees, and at 2e-4 float32 rounding of the loss reaches the tolerance.
    /// </remarks>
    [Fact]
    public void Padded_overlapping_max_pooling_after_batch_normalization_over_channels()
        => GradientCheck.Run(new ConvBatchNormMaxPoolNet(), TestData.Normal(Rows * ConvBatchNormMaxPoolNet.InputSize, 59), TestData.Normal(Rows * 2, 60), step: 5e-4f);
}
