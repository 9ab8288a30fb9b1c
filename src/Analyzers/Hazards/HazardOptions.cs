using System.Globalization;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Neuroslyn.Analyzers.Hazards;

/// <summary>
/// The rules' thresholds, each settable in .editorconfig (or a .globalconfig) under the key in
/// <see cref="Keys"/>; a missing or unreadable value leaves the default. Documented per rule in docs/diagnostics.
/// </summary>
internal sealed record HazardOptions(
    double DropoutMaxRate,
    int VanishingSigmoidDepth,
    int VanishingTanhDepth,
    double VanishingGradientRatio,
    int ExplodingDepth,
    double ExplodingGradientRatio,
    double LearningRateMaxFactor,
    double LearningRateMin,
    int KernelOverPaddingSide)
{
    public static class Keys
    {
        /// <summary>NSL1002: the highest dropout rate that is not reported (default 0.5, UMLAUT).</summary>
        public const string DropoutMaxRate = "neuroslyn.dropout_max_rate";

        /// <summary>NSL2001: consecutive Sigmoid hidden layers that are reported (default 4).</summary>
        public const string VanishingSigmoidDepth = "neuroslyn.vanishing_sigmoid_depth";

        /// <summary>NSL2001: consecutive Tanh hidden layers that are reported (default 6).</summary>
        public const string VanishingTanhDepth = "neuroslyn.vanishing_tanh_depth";

        /// <summary>NSL2001: a gradient-flow estimate below this is reported (default 1e-3, AUTOTRAINER).</summary>
        public const string VanishingGradientRatio = "neuroslyn.vanishing_gradient_ratio";

        /// <summary>NSL2002: weighted layers from which a network without BatchNorm or clipping is reported (default 6).</summary>
        public const string ExplodingDepth = "neuroslyn.exploding_depth";

        /// <summary>NSL2002: a gradient-flow estimate above this is reported (default 70, AUTOTRAINER).</summary>
        public const string ExplodingGradientRatio = "neuroslyn.exploding_gradient_ratio";

        /// <summary>NSL4001, NSL2003, NSL2002: a learning rate above this many times the optimizer's default is high (default 10, UMLAUT).</summary>
        public const string LearningRateMaxFactor = "neuroslyn.learning_rate_max_factor";

        /// <summary>NSL4002: a learning rate below this is reported (default 1e-7).</summary>
        public const string LearningRateMin = "neuroslyn.learning_rate_min";

        /// <summary>NSL6003: an image side of at most this many pixels under a larger kernel is reported (default 1, ours).</summary>
        public const string KernelOverPaddingSide = "neuroslyn.kernel_over_padding_side";
    }

    public static readonly HazardOptions Default = new(0.5, 4, 6, 1e-3, 6, 70, 10, 1e-7, 1);

    public static HazardOptions Read(AnalyzerConfigOptions options) => new(
        Number(options, Keys.DropoutMaxRate, Default.DropoutMaxRate, value => value is > 0 and < 1),
        (int)Number(options, Keys.VanishingSigmoidDepth, Default.VanishingSigmoidDepth, IsCount),
        (int)Number(options, Keys.VanishingTanhDepth, Default.VanishingTanhDepth, IsCount),
        Number(options, Keys.VanishingGradientRatio, Default.VanishingGradientRatio, value => value is > 0 and < 1),
        (int)Number(options, Keys.ExplodingDepth, Default.ExplodingDepth, IsCount),
        Number(options, Keys.ExplodingGradientRatio, Default.ExplodingGradientRatio, value => value > 1),
        Number(options, Keys.LearningRateMaxFactor, Default.LearningRateMaxFactor, value => value >= 1),
        Number(options, Keys.LearningRateMin, Default.LearningRateMin, value => value > 0),
        (int)Number(options, Keys.KernelOverPaddingSide, Default.KernelOverPaddingSide, IsCount));

    private static bool IsCount(double value) => value >= 1 && value <= 1000 && value == System.Math.Floor(value);

    private static double Number(AnalyzerConfigOptions options, string key, double defaultValue, System.Func<double, bool> valid)
        => options.TryGetValue(key, out string? text)
           && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
           && valid(value)
            ? value
            : defaultValue;
}
